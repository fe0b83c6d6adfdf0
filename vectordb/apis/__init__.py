"""REST API of the vector database. Views parse, call a service or selector, and format.

Everything lives under a library, and a library under a project: a project API key reaches only
its own project's libraries. Objects are named by their public UUID (`id` in every response);
another tenant's object answers exactly like a missing one (404, the same body). Bad values,
including an id that is not a UUID, are 422 with `errors` naming the field (`chunks[3].embedding`,
`library_id`); a body that is not JSON is 400.

    common.py       paging, body checks, LibraryScopedApi (the library must be reachable)
    serializers.py  request and response shapes; query_body (the query body's fast path)
    libraries.py    libraries and documents;  chunks.py  chunks;  queries.py  queries, index builds
    hot.py          the query's lean path: a plain API-key query without DRF's machinery, the
                    same bytes (vectordb/hot_query.py: one SELECT); anything else goes to the view
"""

from vectordb.apis.chunks import (
    ChunkBulkDeleteApi,
    ChunkCollectionApi,
    ChunkDetailApi,
)
from vectordb.apis.common import PATH_IDS
from vectordb.apis.libraries import (
    DocumentCollectionApi,
    DocumentDetailApi,
    LibraryCollectionApi,
    LibraryDetailApi,
)
from vectordb.apis.queries import (
    IndexBuildCollectionApi,
    IndexBuildDetailApi,
    LibraryBatchQueryApi,
    LibraryQueryApi,
)
from vectordb.apis.serializers import (
    BatchQueryInputSerializer,
    QueryHitSerializer,
    QueryInputSerializer,
)

__all__ = [
    "PATH_IDS",
    "BatchQueryInputSerializer",
    "ChunkBulkDeleteApi",
    "ChunkCollectionApi",
    "ChunkDetailApi",
    "DocumentCollectionApi",
    "DocumentDetailApi",
    "IndexBuildCollectionApi",
    "IndexBuildDetailApi",
    "LibraryBatchQueryApi",
    "LibraryCollectionApi",
    "LibraryDetailApi",
    "LibraryQueryApi",
    "QueryHitSerializer",
    "QueryInputSerializer",
]
