"""Reading and writing the framework file's YAML text.

Reading is strict where PyYAML is lax: a key repeated in one mapping is an error (PyYAML would
silently keep the last), and syntax errors name the line and column. Writing is canonical:
fixed key order, block style, no aliases, so the same framework always gives the same text.
"""

from __future__ import annotations

from typing import Any

import yaml

HEADER = (
    "# onefuture framework file: one place's framework in one file.\n"
    "# Format: docs/framework-format.md; schema: docs/framework.schema.json.\n"
)


class FlowMapping(dict):  # type: ignore[type-arg]
    """A mapping written on one line, ``{code: E05015014, name: Bramhall North, ...}``.

    For long lists of small records (areas), where one line per record reads best.
    """


class YamlTextError(ValueError):
    """The text is not valid YAML for a framework file; the message names line and column."""


# libyaml's C parser when PyYAML was built with it (about ten times faster on the example).
_SafeLoaderBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoaderBase):  # type: ignore[misc,valid-type]
    """SafeLoader that refuses a key repeated within one mapping."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' appears twice in one mapping (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)
# Dates such as 2024-03-12 stay text: the format has no date fields, and JSON Schema has no date.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml_parse(text: str) -> Any:
    """Parse framework YAML; raise YamlTextError('line L, column C: problem') on bad syntax."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = error.problem or error.context or "not valid YAML"
        raise YamlTextError(f"{where}{problem}") from None
    except yaml.YAMLError as error:
        raise YamlTextError(f"not valid YAML ({error})") from None


class _CanonicalDumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no anchors/aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block, so paragraphs survive exactly and read naturally.
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    # A list of ids or codes reads best on one line: big_things: [jobs, homes].
    flow = bool(value) and all(isinstance(v, str | int) and "\n" not in str(v) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_flow_mapping(dumper: yaml.SafeDumper, value: FlowMapping) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_CanonicalDumper.add_representer(str, _represent_str)
_CanonicalDumper.add_representer(FlowMapping, _represent_flow_mapping)
_CanonicalDumper.add_representer(list, _represent_list)


def yaml_render(data: dict[str, Any]) -> str:
    """The canonical text of ``data`` (a framework as plain dicts and lists), with the header."""
    body = yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return HEADER + body
