"""The urgency mark of a case: why a case that is not an emergency is worked as urgently as one.

The mark is a column of the case (``cases.urgency``, migration 0012), set when the case is
opened and cleared when an operator decides what the case is (re-classification).  It used to
be a prefix written into the subject, where a customer's own subject could fake it and an
edited subject lost it.
"""

from __future__ import annotations

from enum import StrEnum


class Urgency(StrEnum):
    """Why a case is worked with an emergency's urgency though its kind is not an emergency."""

    #: A fax whose pages nobody could read yet (emergency forms arrive by fax).
    FAX_UNREAD = "fax_unread"
    #: The classifier found an emergency a credible alternative to the case's kind (intake.possemerg).
    POSSIBLE_EMERGENCY = "possible_emergency"
