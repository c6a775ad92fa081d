"""``radicula --help`` stays fast: the CLI module imports no heavy stack until a command runs.

Wall time is never asserted (machines differ); what is checked is what the import pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "pydantic",
    "yaml",
    "jinja2",
    "rapidfuzz",
    "matplotlib",
    "radicula.kb.loader",
    "radicula.kb.models",
    "radicula.reasoning.assessment",
    "radicula.meds.checker",
)

_PROBE = """
import json, sys
mode = sys.argv[1]
if mode == "import":
    import radicula.cli.main
else:
    sys.argv = ["radicula", "--help"]
    from radicula.cli.main import run
    try:
        run()
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code
print("\\n@@MODULES@@" + json.dumps(sorted(sys.modules)))
"""


def _modules(mode: str) -> tuple[str, list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, mode],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    head, _, tail = proc.stdout.partition("@@MODULES@@")
    return head, json.loads(tail)


HEAVY_AT_RUN = (*(h for h in HEAVY if h != "pydantic"), "pydantic.main", "pydantic.fields")
"""``run()`` imports the exception classes it turns into messages (``radicula.inputs`` needs
pydantic's ``ValidationError``, from pydantic's light top level); models must still stay out."""


def _heavy(modules: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy)]


def test_importing_the_cli_pulls_in_no_heavy_module() -> None:
    _, modules = _modules("import")
    assert "radicula.cli.main" in modules
    assert _heavy(modules) == []


def test_help_answers_without_heavy_modules() -> None:
    out, modules = _modules("help")
    assert "Usage" in out and "kb" in out
    assert _heavy(modules, HEAVY_AT_RUN) == []
