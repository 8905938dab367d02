"""Reading a campaign file as plain Python values plus the line of every key and item, so that a
mistake found later (by the schema or against the registry) can be reported at its line.

PyYAML's composer keeps a mark on every node; values are built from the nodes here rather than by
`safe_load`, which would lose the marks, silently keep the last of two equal keys, and abort the
whole file on one impossible date (`2022-02-30`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]  # ("criteria", 2, "metric")


@dataclass(frozen=True)
class Problem:
    """One mistake in a campaign file: where (a path into the document, and its line) and what."""

    path: Path_
    line: int
    message: str


@dataclass(frozen=True)
class Document:
    """A parsed campaign file: its values and the line (1-based) of each path."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int:
        """The line of `path`, else of its nearest ancestor present in the file (a missing key
        is reported where its mapping begins)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class YamlError(Exception):
    """The file is not readable YAML; `problem` says where and why, in Vietnamese."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse(text: str) -> tuple[Document, list[Problem]]:
    """The document of `text`, and the problems found while building it (duplicate keys).

    Raises YamlError when the text is not one YAML document."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_problem(exc, text)) from exc
    finally:
        loader.dispose()
    if node is None:
        raise YamlError(Problem((), 1, "tệp rỗng: không có nội dung chiến dịch nào"))
    builder = _Builder(loader)
    data = builder.build(node, ())
    return Document(data, builder.lines), builder.problems


class _Builder:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            key_line = key_node.start_mark.line + 1
            if key in out:
                first = self.lines[(*path, key)]
                self.problems.append(Problem((*path, key), key_line,
                                             f"khóa «{key}» lặp lại (đã có ở dòng {first})"))
                continue
            self.lines[(*path, key)] = key_line
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        # A local tag is not something a campaign author means: `op: !=` is the text "!=".
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            return node.tag + (f" {node.value}" if node.value else "")
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            return node.value  # e.g. 2022-02-30: kept as text, the schema says what is wrong


_BLOCK_OP = re.compile(r":\s*[>|]")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    hint = ""
    if _BLOCK_OP.search(source_line):
        hint = ('; toán tử bắt đầu bằng ">" phải đặt trong ngoặc kép, ví dụ op: ">="')
    what = exc.problem or "không đúng cú pháp"
    return Problem((), line, f"lỗi cú pháp YAML ({what}){hint}")
