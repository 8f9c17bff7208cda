"""Geometry for the server-rendered network view of links ("How it all links").

Why on the server: the picture must work without JavaScript and print as it looks, so we lay
out the nodes on a ring and draw each link as a gentle curve in plain SVG. The layout is
deterministic (same framework, same picture), so screenshots and tests are stable.

Nodes sit on a circle in the order given (big things first, then the other items), which keeps
every curve inside the ring and away from the other nodes. A link from A to B bends to its left,
so a pair of links in both directions (A supports B, B supports A) draw as two separate curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NODE_WIDTH = 150
NODE_HEIGHT = 66
LINE_HEIGHT = 15
CHARS_PER_LINE = 19
MAX_LINES = 3
MARGIN = 20
#: Arc length kept free between two neighbouring nodes on the ring.
SPACING = NODE_WIDTH + 30
MIN_RADIUS = 210
#: How far a curve bends away from the straight line, as a fraction of the line's length.
BEND = 0.12


@dataclass(frozen=True)
class NetworkNode:
    """An item to draw: ``id`` is any stable identifier, ``group`` a CSS modifier."""

    id: str
    label: str
    group: str = "big_thing"
    illustrative: bool = False


@dataclass(frozen=True)
class NetworkEdge:
    source: str
    target: str
    type: str
    strength: int


@dataclass(frozen=True)
class PlacedNode:
    id: str
    group: str
    x: float
    y: float
    left: float
    top: float
    width: float
    height: float
    lines: tuple[tuple[float, str], ...]  # (baseline y, text)
    illustrative: bool = False
    #: Baseline of the "Illustrative example" line under the label (0 when not illustrative).
    tag_baseline: float = 0


@dataclass(frozen=True)
class PlacedEdge:
    source: str
    target: str
    type: str
    strength: int
    path: str
    stroke_width: float


@dataclass(frozen=True)
class NetworkLayout:
    width: int
    height: int
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def label_lines(
    label: str, *, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES
) -> list[str]:
    """Wrap ``label`` into at most ``max_lines`` lines of about ``width`` characters.

    A label too long to fit ends with an ellipsis; the table beside the picture has it in full.
    """
    lines: list[str] = []
    current = ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = kept[-1][: width - 1].rstrip() + "…"
        return kept
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]


def _boundary_point(
    cx: float, cy: float, towards_x: float, towards_y: float
) -> tuple[float, float]:
    """Where the segment from a node's centre towards a point leaves the node's rectangle."""
    dx, dy = towards_x - cx, towards_y - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = NODE_WIDTH / 2 + 4, NODE_HEIGHT / 2 + 4
    scale = min(
        half_w / abs(dx) if dx else math.inf,
        half_h / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def network_layout(nodes: list[NetworkNode], edges: list[NetworkEdge]) -> NetworkLayout:
    """Place ``nodes`` on a ring and route ``edges`` between them as curves.

    Edges whose ends are not among the nodes are left out (the caller draws only what it named).
    """
    count = len(nodes)
    radius = max(MIN_RADIUS, count * SPACING / (2 * math.pi))
    # Wide rather than tall: nodes are wider than high, so stretch the ring horizontally.
    radius_x, radius_y = radius * 1.25, radius
    width = int(2 * radius_x + NODE_WIDTH + 2 * MARGIN)
    height = int(2 * radius_y + NODE_HEIGHT + 2 * MARGIN)
    centre_x, centre_y = width / 2, height / 2

    placed: dict[str, PlacedNode] = {}
    for index, node in enumerate(nodes):
        # Start at the top and go clockwise, so the first big thing is where readers look first.
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        x = centre_x + (radius_x * math.cos(angle) if count > 1 else 0)
        y = centre_y + (radius_y * math.sin(angle) if count > 1 else 0)
        # An illustrative item gives its last line to the words "Illustrative example".
        lines = label_lines(node.label, max_lines=MAX_LINES - 1 if node.illustrative else MAX_LINES)
        count_lines = len(lines) + (1 if node.illustrative else 0)
        first_baseline = y - (count_lines - 1) * LINE_HEIGHT / 2 + 4
        placed[node.id] = PlacedNode(
            id=node.id,
            group=node.group,
            x=round(x, 1),
            y=round(y, 1),
            left=round(x - NODE_WIDTH / 2, 1),
            top=round(y - NODE_HEIGHT / 2, 1),
            width=NODE_WIDTH,
            height=NODE_HEIGHT,
            lines=tuple(
                (round(first_baseline + i * LINE_HEIGHT, 1), text) for i, text in enumerate(lines)
            ),
            illustrative=node.illustrative,
            tag_baseline=(
                round(first_baseline + len(lines) * LINE_HEIGHT, 1) if node.illustrative else 0
            ),
        )

    routed: list[PlacedEdge] = []
    for edge in edges:
        start, end = placed.get(edge.source), placed.get(edge.target)
        if start is None or end is None or start is end:
            continue
        dx, dy = end.x - start.x, end.y - start.y
        length = math.hypot(dx, dy)
        # Bend to the left of the direction of travel.
        control_x = (start.x + end.x) / 2 + dy / length * BEND * length
        control_y = (start.y + end.y) / 2 - dx / length * BEND * length
        x1, y1 = _boundary_point(start.x, start.y, control_x, control_y)
        x2, y2 = _boundary_point(end.x, end.y, control_x, control_y)
        routed.append(
            PlacedEdge(
                source=edge.source,
                target=edge.target,
                type=edge.type,
                strength=edge.strength,
                path=(f"M {x1:.1f} {y1:.1f} Q {control_x:.1f} {control_y:.1f} {x2:.1f} {y2:.1f}"),
                stroke_width=1.5 + abs(edge.strength),
            )
        )
    return NetworkLayout(
        width=width, height=height, nodes=tuple(placed.values()), edges=tuple(routed)
    )
