"""The front page and the language switch."""

from __future__ import annotations

from fastapi import Request, Response

from web.pages.area import page_router
from web.pages.guard import safe_next, viewer
from web.pages.render import kit_of, render, see_other, set_language

router = page_router()
NOTICES = ("logged_out",)


@router.get("/")
async def home(request: Request, notice: str | None = None) -> Response:
    """What the service is, in plain words; a signed-in person goes straight to their documents."""
    if await viewer(request) is not None:
        return see_other("/documents")
    return render(request, "home.html", notice=notice if notice in NOTICES else None)


@router.get("/language/{code}")
async def choose_language(code: str, request: Request, next: str | None = None) -> Response:
    """Remember the chosen language (cookie `lang`) and go back to the page it was chosen on."""
    response = see_other(safe_next(next, "/"))
    if kit_of(request).locales.known(code):
        set_language(response, code)
    return response
