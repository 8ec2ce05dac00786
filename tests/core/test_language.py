def test_vietnamese_is_shown_even_to_an_english_browser(client_for, users):
    response = client_for(users.province_officer).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Tổng quan" in response.content.decode()


def test_the_language_menu_switches_to_english_and_back(client_for, users):
    client = client_for(users.province_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert client.get("/")["Content-Language"] == "vi"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client_for, users, settings):
    client = client_for(users.province_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/")["Content-Language"] == "vi"
