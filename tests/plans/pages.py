"""Reading a page's form the way a browser submits it: every input, textarea and select with its current value."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.data = action, False, {}
        self.textarea: str | None = None
        self.select: str | None = None
        self.first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "checkbox"):
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.data[a["name"]] = a.get("value") or "on"
        elif tag == "textarea":
            self.textarea = a["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select, self.first_option = a["name"], None
        elif tag == "option" and self.select:
            value = a.get("value") or ""
            if self.first_option is None:
                self.first_option = value
                self.data.setdefault(self.select, value)
            if "selected" in a:
                self.data[self.select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(html: str, action: str) -> dict[str, str]:
    """The fields of the form posting to ``action``, as submitted without changes (textareas lose the leading
    newline browsers drop too)."""
    reader = _FormReader(action)
    reader.feed(html)
    return {k: v.removeprefix("\n") if isinstance(v, str) else v for k, v in reader.data.items()}
