"""Nothing to administer: the search index is rebuilt with `manage.py rebuild_search_index`."""
