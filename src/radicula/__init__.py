"""Radicula: open clinical decision support for lumbar radiculopathy, L1-L2 first.

Radicula supports, and never replaces, clinical judgement.
"""

__version__ = "0.1.0"
ENGINE_VERSION = __version__

DISCLAIMER = (
    "Radicula supports, and does not replace, clinical judgement. "
    "Check every conclusion against the patient in front of you."
)
