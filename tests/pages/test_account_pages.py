"""Account pages: sign up and the one-time recovery sheet, log in and out, passphrase change and recovery."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE
from tests.pages.browse import shown, log_in, recovery_code_on, sign_up, submit, token_of
from vault.runtime import Runtime

NEW_PASSPHRASE = "seven orange lamps by the river"


def test_sign_up_shows_the_recovery_sheet_once_and_never_in_a_url(client: TestClient) -> None:
    token = token_of(client.get("/signup").text)
    created = client.post("/signup", data={
        "csrf_token": token, "handle": "amina", "display_name": "Amina", "passphrase": PASSPHRASE,
        "passphrase_again": PASSPHRASE, "language": "fr",
    }, follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == "/welcome"
    sheet = client.get("/welcome")
    code = recovery_code_on(sheet.text)
    assert len(code) == 34 and code.count("-") == 6
    assert 'class="qr" src="data:image/svg+xml' in sheet.text
    assert 'data-print' in sheet.text and 'href="/documents"' in sheet.text
    for url in (created.headers["location"], str(sheet.url), *(str(r.url) for r in sheet.history)):
        assert code not in url and code.replace("-", "") not in url
    again = client.get("/welcome")
    assert again.status_code == 200
    assert recovery_code_on(again.text) == "" and code.replace("-", "") not in again.text.replace("-", "")


def test_recovery_sheet_cookie_opens_only_for_its_own_session(client: TestClient) -> None:
    sign_up(client, "first-person")
    client.cookies.clear()
    created = submit(client, "/signup", "/signup", {
        "handle": "second-person", "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE, "language": "fr",
    })
    sheet_cookie = created.cookies.get("vault_sheet")
    assert sheet_cookie
    client.cookies.clear()
    log_in(client, "first-person")
    client.cookies.set("vault_sheet", sheet_cookie)
    assert recovery_code_on(client.get("/welcome").text) == ""


def test_sign_up_problem_keeps_what_was_typed_except_the_passphrase(client: TestClient) -> None:
    response = submit(client, "/signup", "/signup", {
        "handle": "yonas", "display_name": "Yonas T.", "passphrase": "short", "passphrase_again": "short", "language": "en",
    })
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "au moins 10 caractères" in shown(response)
    assert 'value="yonas"' in response.text and 'value="Yonas T."' in response.text
    assert 'value="short"' not in response.text
    assert '<option value="en" lang="en" selected>' in response.text


def test_taken_handle_and_mismatched_passphrases_are_explained(client: TestClient) -> None:
    sign_up(client, "samir")
    client.cookies.clear()
    fields = {"handle": "samir", "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE, "language": "fr"}
    assert "déjà pris" in submit(client, "/signup", "/signup", fields).text
    mismatch = submit(client, "/signup", "/signup", {**fields, "handle": "samira", "passphrase_again": PASSPHRASE + "!"})
    assert mismatch.status_code == 422 and "ne sont pas les mêmes" in shown(mismatch)


def test_log_in_goes_to_my_documents_and_wrong_passphrase_keeps_the_handle(client: TestClient) -> None:
    person, _ = sign_up(client)
    client.cookies.clear()
    wrong = log_in(client, person.handle, "not the right passphrase")
    assert wrong.status_code == 401
    assert "incorrect" in shown(wrong) and f'value="{person.handle}"' in wrong.text
    assert "not the right passphrase" not in wrong.text
    right = log_in(client, person.handle)
    assert right.status_code == 303 and right.headers["location"] == "/documents"
    assert client.get("/documents").status_code == 200


def test_logged_out_private_page_redirects_to_login_then_back(client: TestClient) -> None:
    person, _ = sign_up(client)
    client.cookies.clear()
    for page in ("/documents", "/documents/new", "/account/passphrase", "/welcome"):
        response = client.get(page, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), page
    sent_away = client.get("/documents/new", follow_redirects=False)
    assert sent_away.headers["location"] == "/login?next=/documents/new"
    back = submit(client, "/login?next=/documents/new", "/login", {"handle": person.handle, "passphrase": PASSPHRASE, "next": "/documents/new"})
    assert back.headers["location"] == "/documents/new"


def test_the_page_asked_for_keeps_its_query_through_the_login(client: TestClient) -> None:
    person, _ = sign_up(client)
    client.cookies.clear()
    asked = "/documents?q=titre%20de%20s%C3%A9jour&category=residence_permit"
    sent_away = client.get(asked, follow_redirects=False)
    assert sent_away.headers["location"] == "/login?next=/documents%3Fq%3Dtitre%2520de%2520s%25C3%25A9jour%26category%3Dresidence_permit"
    login = client.get(sent_away.headers["location"]).text
    assert f'name="next" value="{html.escape(asked)}"' in login
    back = submit(client, sent_away.headers["location"], "/login", {"handle": person.handle, "passphrase": PASSPHRASE, "next": asked})
    assert back.headers["location"] == asked


OFF_SITE = ("//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/x\r\nSet-Cookie: a=b",
            "http:/evil.example", "javascript:alert(1)")


def test_login_never_redirects_to_another_site(client: TestClient) -> None:
    person, _ = sign_up(client)
    for target in OFF_SITE:
        client.cookies.clear()
        assert 'name="next" value="/documents"' in client.get("/login", params={"next": target}).text, target
        response = submit(client, "/login", "/login", {"handle": person.handle, "passphrase": PASSPHRASE, "next": target})
        assert response.headers["location"] == "/documents", target
        already = client.get("/login", params={"next": target}, follow_redirects=False)
        assert already.status_code == 303 and already.headers["location"] == "/documents", target


def test_log_out_ends_the_session(client: TestClient) -> None:
    sign_up(client)
    response = submit(client, "/documents", "/logout", {})
    assert response.status_code == 303 and response.headers["location"] == "/?notice=logged_out"
    assert client.get("/documents", follow_redirects=False).status_code == 303


def test_change_passphrase_then_log_in_with_the_new_one(client: TestClient) -> None:
    person, _ = sign_up(client)
    wrong = submit(client, "/account/passphrase", "/account/passphrase", {
        "current_passphrase": "nope nope nope nope", "new_passphrase": NEW_PASSPHRASE, "new_passphrase_again": NEW_PASSPHRASE,
    })
    assert wrong.status_code == 401 and "n'est pas la bonne" in shown(wrong)
    changed = submit(client, "/account/passphrase", "/account/passphrase", {
        "current_passphrase": PASSPHRASE, "new_passphrase": NEW_PASSPHRASE, "new_passphrase_again": NEW_PASSPHRASE,
    })
    assert changed.headers["location"] == "/documents?notice=passphrase_changed"
    client.cookies.clear()
    assert log_in(client, person.handle).status_code == 401
    assert log_in(client, person.handle, NEW_PASSPHRASE).status_code == 303


def test_reset_with_the_recovery_code_from_the_sheet(client: TestClient) -> None:
    person, _ = sign_up(client)
    client.cookies.clear()
    fields = {"handle": person.handle, "new_passphrase": NEW_PASSPHRASE, "new_passphrase_again": NEW_PASSPHRASE}
    wrong = submit(client, "/recover", "/recover", {**fields, "recovery_code": "0000-0000-0000-0000-0000-0000-0000"})
    assert wrong.status_code == 401 and "ne correspond pas" in shown(wrong) and f'value="{person.handle}"' in wrong.text
    reset = submit(client, "/recover", "/recover", {**fields, "recovery_code": person.recovery_code.lower()})
    assert reset.headers["location"] == "/documents?notice=recovered"
    assert "nouvelle phrase secrète est enregistrée" in client.get("/documents?notice=recovered").text
    client.cookies.clear()
    assert log_in(client, person.handle, NEW_PASSPHRASE).status_code == 303


def test_forms_without_the_token_are_refused(client: TestClient, runtime: Runtime) -> None:
    person, _ = sign_up(client)
    refused = client.post("/logout", data={}, follow_redirects=False)
    assert refused.status_code == 403 and "trop longtemps" in shown(refused)
    assert client.get("/documents").status_code == 200
    client.cookies.clear()
    anonymous = client.post("/login", data={"handle": person.handle, "passphrase": PASSPHRASE}, follow_redirects=False)
    assert anonymous.status_code == 403
    forged = client.post("/login", data={"handle": person.handle, "passphrase": PASSPHRASE, "csrf_token": "0" * 64}, follow_redirects=False)
    assert forged.status_code == 403


def test_cross_site_form_post_is_refused_even_with_the_token(client: TestClient) -> None:
    sign_up(client)
    token = token_of(client.get("/documents").text)
    response = client.post("/logout", data={"csrf_token": token}, headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/documents").status_code == 200
