"""Just enough HTML reading for the page tests: ids, links, headings, forms and their labels."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    labelled: bool


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.forms: list[str] = []
        self.controls: list[Control] = []
        self.label_for: set[str] = set()
        self.marks: list[str] = []
        self._open_labels = 0
        self._heading: tuple[int, list[str]] | None = None
        self._in_mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (int(tag[1]), [])
        if tag == "form":
            self.forms.append(values.get("action", ""))
        if tag == "label":
            self._open_labels += 1
            if "for" in values:
                self.label_for.add(values["for"])
        if tag == "mark":
            self._in_mark = []
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(Control(tag, values, labelled=self._open_labels > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._open_labels -= 1
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None
        if tag == "mark" and self._in_mark is not None:
            self.marks.append("".join(self._in_mark))
            self._in_mark = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if self._in_mark is not None:
            self._in_mark.append(data)

    def unlabelled(self) -> list[Control]:
        return [c for c in self.controls if not c.labelled and c.attrs.get("id") not in self.label_for]

    def heading_jumps(self) -> list[tuple[int, str]]:
        """Headings that go more than one level deeper than the one before (an h2 straight to an h4)."""
        jumps = []
        level = 0
        for depth, text in self.headings:
            if depth > level + 1:
                jumps.append((depth, text))
            level = depth
        return jumps


def read(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page
