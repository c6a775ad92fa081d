"""The ``radicula`` command. Sub-commands import their heavy modules lazily so --help is fast."""

from __future__ import annotations

import os
import sys

import typer

from radicula.cli import assess as assess_cli
from radicula.cli import interview as interview_cli
from radicula.cli import kb as kb_cli
from radicula.cli import meds as meds_cli
from radicula.cli import outcomes as outcomes_cli
from radicula.cli import plan as plan_cli
from radicula.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError

app = typer.Typer(
    name="radicula",
    help=(
        "Radicula: clinical decision support for lumbar radiculopathy (L1-L2 first). "
        "It supports, and never replaces, clinical judgement."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("assess")(assess_cli.assess_command)
app.command("vocab")(assess_cli.vocab_command)
app.command("eval")(assess_cli.eval_command)
app.command("demo")(assess_cli.demo_command)
app.command("interview")(interview_cli.interview_command)
app.add_typer(
    assess_cli.schema_app, name="schema", help="JSON Schemas of the case and assessment formats."
)
app.add_typer(kb_cli.app, name="kb", help="Validate, browse, search and export the knowledge base.")
app.add_typer(meds_cli.app, name="meds", help="Check a medication order; show a drug's rules.")
app.add_typer(outcomes_cli.app, name="outcomes", help="Questionnaires, change, diary, plots.")
app.command("plan")(plan_cli.plan_command)
app.command("leaflet")(plan_cli.leaflet_command)


def _print_error(message: str) -> None:
    sys.stderr.write(f"radicula: error: {message}\n")


def run() -> None:
    """Console-script entry point: known errors become one message and an exit code."""
    from radicula.inputs import InputError
    from radicula.kb.errors import KbError

    try:
        code = app(standalone_mode=False)
    except CliError as exc:
        _print_error(str(exc))
        raise SystemExit(exc.exit_code) from None
    except InputError as exc:
        _print_error(str(exc))
        raise SystemExit(2) from None
    except KbError as exc:
        _print_error(str(exc))
        raise SystemExit(EXIT_FAILURE) from None
    except OSError as exc:
        _print_error(f"{exc.strerror or exc}: {exc.filename or ''}".strip())
        raise SystemExit(EXIT_FAILURE) from None
    except (typer.Exit, SystemExit) as exc:
        code = exc.exit_code if isinstance(exc, typer.Exit) else exc.code
        raise SystemExit(code) from None
    except typer.Abort:
        _print_error("aborted")
        raise SystemExit(EXIT_FAILURE) from None
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        if isinstance(exc, _click_exception_types()):
            exc.show()  # type: ignore[attr-defined]
            raise SystemExit(getattr(exc, "exit_code", EXIT_USAGE)) from None
        if os.environ.get("RADICULA_DEBUG"):
            raise
        _print_error(
            f"internal error ({type(exc).__name__}: {exc}); set RADICULA_DEBUG=1 for details"
        )
        raise SystemExit(3) from None
    if isinstance(code, int) and code != 0:
        raise SystemExit(code)


def _click_exception_types() -> tuple[type[BaseException], ...]:
    """Typer >= 0.20 bundles its own click; older ones use the click package."""
    import importlib

    types: list[type[BaseException]] = []
    for module in ("typer._click.exceptions", "click"):
        try:
            types.append(importlib.import_module(module).ClickException)
        except (ImportError, AttributeError):  # pragma: no cover - depends on the typer version
            continue
    return tuple(types)


if __name__ == "__main__":  # pragma: no cover
    run()
