"""The urgency mark of a case: why a case is worked as urgently as an emergency on unconfirmed evidence.

The mark is a column of the case (``cases.urgency``, migration 0012), set when the case is
opened and cleared when an operator decides what the case is (re-classification).  It used to
be a prefix written into the subject, where a customer's own subject could fake it and an
edited subject lost it.
"""

from __future__ import annotations

from enum import StrEnum


class Urgency(StrEnum):
    """Why a case is worked with an emergency's urgency before anyone has confirmed what it is.

    A possible emergency may carry the kind ``emergency_revocation`` (intake.possemerg made it one) or
    the kind it was read as; either way the mark tells the operator to confirm it.
    """

    #: A fax whose pages nobody could read yet (emergency forms arrive by fax).
    FAX_UNREAD = "fax_unread"
    #: The classifier found an emergency a credible alternative to the case's kind (intake.possemerg).
    POSSIBLE_EMERGENCY = "possible_emergency"
