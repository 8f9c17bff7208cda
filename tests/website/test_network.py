"""The network view's layout: deterministic, inside its picture, nodes never overlapping."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from onefuture.website.network import (
    NODE_HEIGHT,
    NODE_WIDTH,
    NetworkEdge,
    NetworkNode,
    label_lines,
    network_layout,
)


def ring(count: int) -> list[NetworkNode]:
    return [
        NetworkNode(id=f"n{i}", label=f"Item number {i} with a longish name") for i in range(count)
    ]


def test_labels_wrap_into_at_most_three_lines_and_say_when_they_are_cut() -> None:
    assert label_lines("Good jobs and homes") == ["Good jobs and homes"]
    assert label_lines("Stockport Mayoral Development Corporation") == [
        "Stockport Mayoral",
        "Development",
        "Corporation",
    ]
    long = label_lines("word " * 30)
    assert len(long) == 3 and long[-1].endswith("…")
    assert label_lines("Supercalifragilisticexpialidocious")[0].endswith("…")


def test_the_same_framework_gives_the_same_picture() -> None:
    nodes = ring(6)
    edges = [NetworkEdge("n0", "n3", "supports", 2), NetworkEdge("n4", "n1", "depends_on", -1)]
    assert network_layout(nodes, edges) == network_layout(nodes, edges)


def test_the_first_node_is_at_the_top_centre() -> None:
    layout = network_layout(ring(5), [])
    first = layout.nodes[0]
    assert first.x == layout.width / 2
    assert first.y == min(node.y for node in layout.nodes)


def test_links_in_both_directions_draw_as_two_different_curves() -> None:
    layout = network_layout(
        ring(2),
        [NetworkEdge("n0", "n1", "supports", 1), NetworkEdge("n1", "n0", "supports", 1)],
    )
    there, back = layout.edges
    control = re.compile(r"Q (\S+) (\S+)")
    assert control.search(there.path).groups() != control.search(back.path).groups()


def test_edges_to_unknown_or_same_nodes_are_left_out_and_width_follows_strength() -> None:
    layout = network_layout(
        ring(3),
        [
            NetworkEdge("n0", "elsewhere", "supports", 3),
            NetworkEdge("n1", "n1", "supports", 3),
            NetworkEdge("n0", "n2", "conflicts_with", -3),
            NetworkEdge("n0", "n1", "supports", 0),
        ],
    )
    assert [(e.source, e.target) for e in layout.edges] == [("n0", "n2"), ("n0", "n1")]
    assert layout.edges[0].stroke_width > layout.edges[1].stroke_width


@given(st.integers(min_value=1, max_value=40))
def test_nodes_fit_the_picture_and_never_overlap(count: int) -> None:
    layout = network_layout(ring(count), [])
    assert len(layout.nodes) == count
    for node in layout.nodes:
        assert node.left >= 0 and node.top >= 0
        assert node.left + NODE_WIDTH <= layout.width
        assert node.top + NODE_HEIGHT <= layout.height
    for a, b in itertools.combinations(layout.nodes, 2):
        apart = abs(a.x - b.x) >= NODE_WIDTH or abs(a.y - b.y) >= NODE_HEIGHT
        assert apart, f"{a.id} and {b.id} overlap with {count} nodes"


@given(st.integers(min_value=2, max_value=12), st.data())
def test_every_edge_starts_and_ends_outside_its_nodes(count: int, data: st.DataObject) -> None:
    source = data.draw(st.integers(0, count - 1))
    target = data.draw(st.integers(0, count - 1).filter(lambda t: t != source))
    layout = network_layout(ring(count), [NetworkEdge(f"n{source}", f"n{target}", "supports", 2)])
    (edge,) = layout.edges
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", edge.path)]
    start, end = numbers[0:2], numbers[4:6]
    for (x, y), node in ((start, layout.nodes[source]), (end, layout.nodes[target])):
        inside = abs(x - node.x) < NODE_WIDTH / 2 and abs(y - node.y) < NODE_HEIGHT / 2
        assert not inside, "the arrow would be hidden under its box"


def test_an_illustrative_node_says_so_under_its_label() -> None:
    label = "Stockport Mayoral Development Corporation"
    layout = network_layout(
        [NetworkNode("a", label), NetworkNode("b", label, illustrative=True)], []
    )
    plain, flagged = layout.nodes
    assert len(plain.lines) == 3 and plain.tag_baseline == 0
    assert len(flagged.lines) == 2 and flagged.lines[-1][1].endswith("…")
    assert flagged.tag_baseline > flagged.lines[-1][0]
    assert flagged.tag_baseline < flagged.top + NODE_HEIGHT
