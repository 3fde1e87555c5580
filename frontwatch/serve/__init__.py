"""``frontwatch serve``: an HTTP API over the store and an offline map page; ``create_app(db)`` builds it."""

from frontwatch.serve.app import CONTENT_SECURITY_POLICY, create_app
from frontwatch.serve.errors import ApiError, ErrorBody

__all__ = ["CONTENT_SECURITY_POLICY", "ApiError", "ErrorBody", "create_app"]
