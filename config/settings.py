"""Django settings. Every value that differs between machines comes from `config.env`."""

from __future__ import annotations

import dj_database_url
from celery.schedules import crontab

from config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR

DEBUG = env.get_bool("DJANGO_DEBUG", False)
SECRET_KEY = env.secret_key()
ALLOWED_HOSTS = env.get_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# CORS (django-cors-headers) on the API, for a Vendomo client build on another origin; these origins
# may also write to the fleet with a staff session (fleet/auth.py). Default: none.
CORS_ALLOWED_ORIGINS = env.get_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/(api/|openapi\.json$)"
CORS_PREFLIGHT_MAX_AGE = 600

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc assets served locally: the docs work offline
    "channels",
    "django_celery_beat",
    "core",
    "accounts",
    "fleet",
    "revenue",
    "search",
    "clicks",
    "vectordb",
    "threads",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],  # first, so core's admin/base_site.html brands the admin
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASES = {"default": dj_database_url.parse(env.database_url(), conn_max_age=env.get_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Several local processes share the file: wait for locks, take the write lock up front.
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Under ASGI every request runs its sync code in a fresh thread, so persistent per-thread
    # connections pile up; DB_POOL_MAX_SIZE>0 gives each process a psycopg pool of that size instead.
    if env.get_int("DB_POOL_MAX_SIZE", 0) > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env.get_int("DB_POOL_MAX_SIZE", 0),
            "timeout": env.get_float("DB_POOL_TIMEOUT", 1.0),
        }
    # Postgres unreachable: fail fast (the error becomes a 503 with Retry-After, see core.exceptions).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env.get_int("DB_CONNECT_TIMEOUT", 1))
# Requests running their sync code at once per ASGI web process (config.asgi; the rest wait on the
# event loop): by default as many as the Postgres pool has connections, unlimited without a pool.
_pool = DATABASES["default"].get("OPTIONS", {}).get("pool")
WEB_CONCURRENT_REQUESTS = env.get_int("WEB_CONCURRENT_REQUESTS", _pool["max_size"] if _pool else 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache, channels, celery ----------------------------------------------------------
REDIS_URL = env.redis_url()
EMBEDDED_REDIS = env.uses_embedded_redis()
SEARCH_REDIS_URL = env.search_redis_url(REDIS_URL)  # the search index's own database (not the cache's)
SEARCH_INDEX_AUTOREBUILD = env.get_bool("SEARCH_INDEX_AUTOREBUILD", True)  # rebuild a missing index by itself
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "vendomo:cache",
        "TIMEOUT": 300,
        # Redis down: fail within a second (→ 503, or the API-key check's database fallback).
        "OPTIONS": {
            "socket_connect_timeout": env.get_float("REDIS_SOCKET_TIMEOUT", 1.0),
            "socket_timeout": env.get_float("REDIS_SOCKET_TIMEOUT", 1.0),
            "retry_on_timeout": False,
            # one pool per process, not one per request under ASGI (see core/cache.py)
            "pool_class": "core.cache.SharedConnectionPool",
        },
    }
}
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": "vendomo:channels", "capacity": 1000, "expiry": 30},
    }
}

CELERY_BROKER_URL = env.celery_broker_url(REDIS_URL)
# Results (only for tasks that ask to keep one) go to Redis, whatever the broker is.
CELERY_RESULT_BACKEND = env.get_str("CELERY_RESULT_BACKEND", "") or REDIS_URL.replace("unix://", "redis+socket://")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_IGNORE_RESULT = True  # tasks that need a result say so; nothing is kept by default
CELERY_RESULT_EXPIRES = 60 * 60 * 24  # and what is kept expires after a day
CELERY_TASK_TIME_LIMIT = env.get_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env.get_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_ACKS_LATE = False  # only idempotent tasks opt in, per task
# An acks_late task whose pool child dies (OOM, SIGKILL) is requeued, not acknowledged and lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ALWAYS_EAGER = env.get_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic tasks are defined in code, here; beat syncs them into django-celery-beat's tables.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "core-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    # vectordb: save each library's index when 1,000+ writes happened since its last snapshot.
    "vectordb-refresh-snapshots": {"task": "vectordb.tasks.index_snapshots_refresh", "schedule": 600.0},
    # vectordb: fail builds stranded in `running` past their time limit, requeue ones stuck in `queued`.
    "vectordb-sweep-builds": {"task": "vectordb.tasks.index_builds_sweep", "schedule": 300.0},
    # search: rebuild the geo index every 6 h, healing any change missed while Redis was unreachable.
    "search-rebuild-index": {"task": "search.tasks.rebuild_index", "schedule": 6 * 60 * 60.0},
    "search-heal-index": {"task": "search.tasks.heal_index", "schedule": 60.0},  # a missing index is rebuilt
    # threads: label threads whose classification job was lost; the weekly usage email (Mondays 07:00 UTC).
    "threads-sweep-unlabelled": {
        "task": "threads.tasks.sweep_unlabelled_threads",
        "schedule": env.get_float("THREADS_SWEEP_INTERVAL_SECONDS", 60.0),
    },
    "threads-weekly-usage-report": {
        "task": "threads.tasks.send_weekly_usage_reports",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
}
# Bulk work goes to the low-priority `low` queue (the worker consumes `live,default,low`), so it never
# starves live jobs on `default`.
CELERY_TASK_ROUTES = {
    # threads: live labelling and the sweep have their own `live` queue, never behind a backlog.
    "threads.tasks.classify_live": {"queue": "live"},
    "threads.tasks.classify_thread": {"queue": "live"},
    "threads.tasks.classify_threads": {"queue": "live"},
    "threads.tasks.sweep_unlabelled_threads": {"queue": "live"},
    "threads.tasks.backfill_plan": {"queue": "low"},
    "threads.tasks.backfill_chunk": {"queue": "low"},
}

# --- Auth ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# API keys (accounts.selectors): the Redis entry of a checked key lives this long; a revocation drops
# it at once (retried until Redis answers). With Redis unreachable, each process checks keys against
# the database behind its own cache of API_KEY_FALLBACK_CACHE_SECONDS: how late a revocation may be.
API_KEY_CACHE_SECONDS = env.get_int("API_KEY_CACHE_SECONDS", 60)
API_KEY_FALLBACK_CACHE_SECONDS = env.get_float("API_KEY_FALLBACK_CACHE_SECONDS", 10.0)
LOGIN_URL = "admin:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.PlatformJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.get_str("THROTTLE_ANON", "120/minute"),
        "user": env.get_str("THROTTLE_USER", "6000/minute"),
        "search": env.get_str("THROTTLE_SEARCH", "600/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# A process trusts an API key it verified for this long (no Redis round trip): a revoked key stops
# working at once in the process that revoked it, within this time in every other (accounts.selectors).
API_KEY_LOCAL_CACHE_SECONDS = env.get_float("API_KEY_LOCAL_CACHE_SECONDS", 5.0)
# Throttles key on the connecting address; X-Forwarded-For only counts from these proxies
# (comma-separated IPs or CIDRs), see core.throttling.
TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", [])
# Request bodies (core.body_limits, enforced by the ASGI handler as they arrive → 413): the API's
# default allows a 50,000-chunk vectordb bulk upsert; public endpoints take small bodies only.
REQUEST_BODY_MAX_BYTES = env.get_int("REQUEST_BODY_MAX_BYTES", 256 * 1024 * 1024)
REQUEST_BODY_PUBLIC_MAX_BYTES = env.get_int("REQUEST_BODY_PUBLIC_MAX_BYTES", 64 * 1024)
REQUEST_BODY_TIMEOUT_SECONDS = env.get_float("REQUEST_BODY_TIMEOUT_SECONDS", 30.0)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append("rest_framework.renderers.BrowsableAPIRenderer")

SPECTACULAR_SETTINGS = {
    "TITLE": "Vendomo platform API",
    "DESCRIPTION": (
        "Fleet, revenue, search, click clustering, vector database and RAG chat. "
        "Client programs authenticate with a project API key in the `X-API-KEY` header."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "MachineStatusEnum": "fleet.models.MachineStatus",
        "ServiceTypeEnum": "fleet.models.ServiceType",
    },
}

# --- Clicks ----------------------------------------------------------------------------------
# 1: a save answers only once its click is on disk (Postgres fsync). 0: `synchronous_commit=off` for
# saves: a few ms faster, but a database crash may lose the last ~0.6 s of acknowledged clicks.
CLICKS_DURABLE_SAVES = env.get_bool("CLICKS_DURABLE_SAVES", True)

# --- LLM -------------------------------------------------------------------------------------
ANTHROPIC_API_KEY = env.get_str("ANTHROPIC_API_KEY", "")
ANTHROPIC_MODEL = env.get_str("ANTHROPIC_MODEL", "claude-haiku-4-5-20251001")
ANTHROPIC_TIMEOUT = env.get_float("ANTHROPIC_TIMEOUT", 10.0)

# --- vectordb index nodes (manage.py vectordb_node) -------------------------------------------
# Threads serving a node's requests, each with one persistent Postgres connection (the node's bound).
VECTORDB_NODE_REQUEST_THREADS = env.get_int("VECTORDB_NODE_REQUEST_THREADS", 4)

# --- Temporal (the vector database's durable query pipeline; vectordb/PIPELINE.md) ------------
TEMPORAL_ADDRESS = env.temporal_address()
TEMPORAL_NAMESPACE = env.get_str("TEMPORAL_NAMESPACE", "default")
TEMPORAL_TASK_QUEUE = env.get_str("TEMPORAL_TASK_QUEUE", "vectordb-query")
EMBEDDED_TEMPORAL = env.uses_embedded_temporal()

# --- vectordb (vectordb/README.md, "Persistence" and "Processes and operations") ---------------
# Index snapshots, binary files loaded at disk speed; shared by the processes of one host (a
# volume in docker-compose). Empty: snapshots are kept in the database instead.
VECTORDB_SNAPSHOT_DIR = env.get_str("VECTORDB_SNAPSHOT_DIR", str(VAR_DIR / "vectordb-snapshots"))
# numba's on-disk cache of the compiled HNSW search (compiled once per machine, not per process).
# Set in the environment before numba is imported (numba reads NUMBA_CACHE_DIR itself).
NUMBA_CACHE_DIR = env.numba_cache_dir()
# Load (or compile) the compiled search in a background thread when a web, worker or node process
# starts, so the first query does not pay it.
VECTORDB_JIT_WARMUP = env.get_bool("VECTORDB_JIT_WARMUP", True)
# A plain API-key query on a library the process knows: one SELECT, no DRF machinery
# (vectordb/apis/hot.py). Off: every query through the DRF view (the benchmark's baseline).
VECTORDB_LEAN_QUERY = env.get_bool("VECTORDB_LEAN_QUERY", True)

# --- threads (RAG chat) ----------------------------------------------------------------------
THREADS_CLASSIFIER_DELAY = env.get_float("THREADS_CLASSIFIER_DELAY", 2.0)  # seconds per question (dummy)
THREADS_CLASSIFY_CONCURRENCY = env.get_int("THREADS_CLASSIFY_CONCURRENCY", 64)  # calls at once per live task
THREADS_BACKFILL_CONCURRENCY = env.get_int("THREADS_BACKFILL_CONCURRENCY", 128)  # calls at once per backfill chunk
THREADS_BACKFILL_CHUNK_SIZE = env.get_int("THREADS_BACKFILL_CHUNK_SIZE", 512)  # threads per backfill task
THREADS_EMBEDDING_PROVIDER = env.get_str("THREADS_EMBEDDING_PROVIDER", "minilm")  # of knowledge libraries
# The sweep (beat, every THREADS_SWEEP_INTERVAL_SECONDS, above) re-queues threads still unlabelled after the grace.
THREADS_SWEEP_GRACE_SECONDS = env.get_float("THREADS_SWEEP_GRACE_SECONDS", 60.0)

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.get_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "Vendomo <noreply@vendomo.local>")

# --- i18n, static ----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in local runs

# Pages linked from the landing page once their app provides the URL name.
PLATFORM_LINKS = [
    ("Revenue dashboard", "revenue:dashboard", "Live revenue per machine and region"),
    ("Machine search", "search:page", "Find the nearest machine that has what you want"),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Replaces Django's own DEBUG console handler on "django": records reach the root once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
