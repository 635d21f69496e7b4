"""Accessibility scans with the vendored axe-core (see ``vendor/axe-core/README.md``).

:func:`serious_violations` injects axe into the page under test, runs every WCAG 2.x A/AA rule
plus axe's best practices, and returns the violations of impact "serious" or "critical",
each with the selectors of the offending nodes so a failure says where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """The serious and critical axe violations on *page*, as ``{id, impact, help, nodes}``."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
                resultTypes: ["violations"],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
            }));
        }"""
    )
    return [v for v in results if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation, for assertion messages."""
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in violations)
