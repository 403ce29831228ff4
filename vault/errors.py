"""Domain errors. Only `web/` turns them into HTTP statuses (see web/errors.py).

Every error carries a stable machine `code` and a human `detail` that never
contains a secret, a title or a filename.
"""


class VaultError(Exception):
    code = "error"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail or self.__doc__ or self.code


class InvalidInput(VaultError):
    """The request is malformed."""

    code = "invalid_input"


class Unauthenticated(VaultError):
    """No valid session, or wrong credentials."""

    code = "unauthenticated"


class Forbidden(VaultError):
    """The principal may not do this."""

    code = "forbidden"


class NotForThisAccount(Forbidden):
    """This is for another kind of account: a person's, or a caseworker's."""

    code = "not_for_this_account"


class NotFound(VaultError):
    """No such thing, or not yours: both answer the same."""

    code = "not_found"


class Conflict(VaultError):
    """The request conflicts with the current state."""

    code = "conflict"


class TooLarge(VaultError):
    """The content is larger than allowed."""

    code = "too_large"


class UnsupportedMedia(VaultError):
    """This kind of file is not accepted."""

    code = "unsupported_media_type"


class RateLimited(VaultError):
    """Too many attempts; try again later."""

    code = "rate_limited"

    def __init__(self, detail: str = "", retry_after: int = 60) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Unavailable(VaultError):
    """A backing service (storage, database) cannot be reached."""

    code = "unavailable"
