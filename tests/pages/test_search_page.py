"""The documents page's search: a GET form that works without JavaScript, over decrypted metadata."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import make_user
from tests.pages.browse import add_document as add
from tests.pages.browse import document_ids, log_in, shown


def three_documents(client: TestClient) -> dict[str, str]:
    user = make_user(client)
    ids = {
        "permit": add(client, user, "Titre de séjour", "residence_permit", {"expires_on": "2031-03-31"}),
        "payslip": add(client, user, "Bulletin mars", "payslip", {"pay_period": "2029-03", "employer": "Boulangerie du Marché"}),
        "cv": add(client, user, "CV cuisinier", "cv"),
    }
    log_in(client, user.handle)
    return ids


def search_form(page: str) -> str:
    match = re.search(r'<form method="get" action="/documents".*?</form>', page, re.S)
    assert match, "the page has no search form"
    return match.group(0)


def test_words_find_documents_whatever_their_case_and_accents(client: TestClient) -> None:
    ids = three_documents(client)
    assert document_ids(client.get("/documents", params={"q": "SEJOUR"}).text) == [ids["permit"]]
    assert document_ids(client.get("/documents", params={"q": "boulangerie marche"}).text) == [ids["payslip"]]


def test_kind_and_year_filters_narrow_the_list(client: TestClient) -> None:
    ids = three_documents(client)
    assert document_ids(client.get("/documents", params={"category": "payslip"}).text) == [ids["payslip"]]
    assert document_ids(client.get("/documents", params={"year": "2031"}).text) == [ids["permit"]]
    assert document_ids(client.get("/documents", params={"year": "2031", "category": "cv"}).text) == []


def test_search_form_shows_what_was_asked_and_offers_the_years_held(client: TestClient) -> None:
    three_documents(client)
    form = search_form(client.get("/documents", params={"q": "mars", "category": "payslip", "year": "2029"}).text)
    assert 'name="q" type="search" value="mars"' in form
    assert '<option value="payslip" selected>' in form and '<option value="2029" selected>' in form
    assert '<option value="2031">' in form and 'href="/documents"' in form
    assert "csrf_token" not in form


def test_no_match_says_so_and_leads_back_to_every_document(client: TestClient) -> None:
    three_documents(client)
    page = client.get("/documents", params={"q": "nothing-like-this"})
    assert page.status_code == 200 and document_ids(page.text) == []
    assert "Aucun document ne correspond à votre recherche." in shown(page)
    assert "Voir tous mes documents" in shown(page) and "Votre coffre est vide" not in shown(page)


def test_an_empty_vault_shows_no_search_but_the_first_step(client: TestClient) -> None:
    user = make_user(client)
    log_in(client, user.handle)
    page = client.get("/documents")
    assert 'type="search"' not in page.text and 'href="/documents/new"' in page.text


def test_hand_edited_filters_are_ignored_rather_than_refused(client: TestClient) -> None:
    ids = three_documents(client)
    for params in ({"category": "passport"}, {"year": "abc"}, {"year": "99999"}, {"q": "  "}):
        page = client.get("/documents", params=params)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), params
        assert sorted(document_ids(page.text)) == sorted(ids.values()), params


def test_search_never_shows_another_persons_documents(client: TestClient) -> None:
    owner = make_user(client)
    add(client, owner, "Décision OFPRA", "asylum_decision")
    three_documents(client)
    page = client.get("/documents", params={"q": "ofpra"})
    assert document_ids(page.text) == [] and "Décision OFPRA" not in shown(page)
