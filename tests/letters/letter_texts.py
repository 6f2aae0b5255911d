"""Texts the letter fixtures and tests share."""

SIGNED_RATIONALE = (
    "Per the MTUS, acupuncture may be extended when functional improvement is documented. The progress "
    "report documents fewer work restrictions after the prior sessions. The request is medically necessary."
)
