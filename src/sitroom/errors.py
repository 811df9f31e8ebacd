"""Errors sitroom raises on purpose.

::

    SitroomError                 status 500, exit 1
    ├── IngestError              an input could not be read            (422)
    │   ├── UnsupportedFormat    not a format sitroom reads            (415)
    │   ├── EmptyInput           nothing in it                          (422)
    │   └── InputTooLarge        over the size limit                    (413)
    ├── StoreError               the database cannot be used            (500)
    ├── NotFound                 no such record                         (404)
    ├── BadRequest               a parameter is wrong                   (400)
    └── Unauthorized             a write without the token              (401)
"""

from __future__ import annotations

__all__ = [
    "BadRequest",
    "EmptyInput",
    "IngestError",
    "InputTooLarge",
    "NotFound",
    "SitroomError",
    "StoreError",
    "Unauthorized",
    "UnsupportedFormat",
]


class SitroomError(Exception):
    """Base for every error sitroom raises on purpose."""

    status = 500  # read by the API's single exception handler
    exit_code = 1  # read by the CLI


class IngestError(SitroomError):
    """An input could not be read; the message names the input and the reason."""

    status = 422


class UnsupportedFormat(IngestError):
    status = 415


class EmptyInput(IngestError):
    status = 422


class InputTooLarge(IngestError):
    status = 413


class StoreError(SitroomError):
    status = 500


class NotFound(SitroomError):
    status = 404


class BadRequest(SitroomError):
    status = 400
    exit_code = 2


class Unauthorized(SitroomError):
    status = 401
