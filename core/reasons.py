"""The vocabulary of a case's reasons: the kinds of reason, how each is written and how it is read back.

A case keeps the intake's and the core's reasons as plain strings (``cases.reasons``), for the
operator to read.  Some of them stand for a decision that others act on: the dashboard says them
in the operator's words, the classifier takes its own back out.  Those are not matched by their
wording in each reader: every such reason has a :class:`Kind` with a stable code and one
:class:`Shape`, the template its producer writes it with (:func:`write`) and the pattern by
which :func:`parse` knows it again, with the parameters a reader needs.  A producer that rewords
a reason changes it here, and its readers follow.

The strings are stored in databases, so a template must keep writing exactly what was written
before, and a pattern must keep reading what older cases hold: a pattern reads only the fixed
start of its reason where the rest is free text, as the dashboard always has.  A reason of no
kind here (a bounce's signs, the model's vote) is only shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of reason that are read back; the values are stable codes."""

    #: A named rule of the classifier matched words: ``"compromise: 'PC stolen'"`` (intake.rules).
    RULE = "rule"
    #: A keyword the first classifier matched (written by older versions and by fixtures only).
    KEYWORD = "keyword"
    #: An operator entered the case by hand (core.services.cases).
    MANUAL_INTAKE = "manual-intake"
    #: None of the serials read is a certificate of the case's applicant (core.cases).
    SERIAL_UNCLEAR = "serial-unclear"
    #: A serial read loosely is the applicant's certificate on record (core.cases).
    SERIAL_LOOSE = "serial-loose"
    #: The register decided the kind the words could not (core.cases).
    REGISTER = "register"
    #: A reply rule reduced or withheld the automatic reply (core.cases).
    REPLY_RULE = "reply-rule"
    #: A web form relays a person's message (intake.formrelay).
    FORM_RELAY = "form-relay"
    #: Our own loop header: the mail is our own, coming back (madoguchi.intake_adapter).
    OWN_LOOP = "own-loop"
    #: The fax's serial could not be read surely (intake.fax).
    FAX_SERIAL_UNCLEAR = "fax-serial-unclear"
    #: The faxed form's title names a known form (intake.fax).
    FAX_FORM_TITLE = "fax-form-title"
    #: The faxed form's words make it another known form (intake.fax).
    FAX_FORM_WORDS = "fax-form-words"
    #: Independent reads of the fax agree on its serial (intake.fax).
    FAX_SERIAL_READ = "fax-serial-read"
    #: The faxed document could not be opened (intake.fax).
    FAX_UNOPENED = "fax-unopened"
    #: The faxed document has no pages (intake.fax).
    FAX_NO_PAGES = "fax-no-pages"
    #: Every faxed page is blank (intake.fax).
    FAX_BLANK = "fax-blank"
    #: The faxed pages hold no legible text (intake.fax).
    FAX_ILLEGIBLE = "fax-illegible"
    #: OCR failed, so the faxed pages were not read (intake.fax).
    FAX_OCR_FAILED = "fax-ocr-failed"
    #: The classifier understood nothing in the fax's text (intake.classify).
    FAX_NOT_UNDERSTOOD = "fax-not-understood"
    #: The case opened on a fax nobody could read (core.cases).
    FAX_PAGES_UNREAD = "fax-pages-unread"
    #: The message may well be an emergency (intake.possemerg).
    POSSIBLE_EMERGENCY = "possible-emergency"
    #: A possible emergency is worked as one; the intent it was read as is kept (intake.classify).
    PROMOTED = "promoted"
    #: A mail automatic by its wording alone reports a key at risk, so it opens a case (madoguchi.intake_adapter).
    AUTOMATED_OVERRULED = "automated-overruled"


@dataclass(frozen=True)
class Shape:
    """How a reason of one kind is written (a :meth:`str.format` template) and read (a pattern).

    The pattern is matched at the start of a reason; its named groups are the parameters
    :func:`parse` gives.  It may read fewer parameters than the template writes.
    """

    template: str
    pattern: re.Pattern[str]

    @property
    def prefix(self) -> str:
        """The fixed words every reason of this shape starts with (up to the template's first field)."""
        return self.template.split("{", 1)[0]


def _starts(words: str) -> re.Pattern[str]:
    """A pattern that reads a reason by its fixed start alone."""
    return re.compile(re.escape(words))


#: Every kind's shape, in the order :func:`parse` tries them (the named rules' form comes first,
#: as the dashboard always read it).
SHAPES: dict[Kind, Shape] = {
    Kind.RULE: Shape("{rule}: {words!r}", re.compile(r"^(?P<rule>[a-z_]+): '(?P<words>.*)'$", re.DOTALL)),
    Kind.KEYWORD: Shape("keyword: {words}", re.compile(r"keyword: (?P<words>.*)", re.DOTALL)),
    Kind.MANUAL_INTAKE: Shape("manual intake by {who}", re.compile(r"manual intake by (?P<who>.*)", re.DOTALL)),
    Kind.SERIAL_UNCLEAR: Shape("serial unclear: none of {serials} is a certificate of this applicant "
                               "(on record: {on_record})", _starts("serial unclear:")),
    Kind.SERIAL_LOOSE: Shape("serial: {serial} was read loosely and is the applicant's certificate on record",
                             re.compile(r"(?=.*read loosely)serial: \s*(?P<serial>\S+)", re.DOTALL)),
    Kind.REGISTER: Shape("register: {before} read as {after} from the applicant's applications and certificates",
                         _starts("register: ")),
    Kind.REPLY_RULE: Shape("reply rule {rule}: {why}; {outcome}", re.compile(r"reply rule (?P<rule>[^:\s]*)")),
    Kind.FORM_RELAY: Shape("a web form relays a person's message: {found}",
                           _starts("a web form relays a person's message")),
    Kind.OWN_LOOP: Shape("our own loop header: this is our own mail coming back",
                         _starts("our own loop header: ")),
    Kind.FAX_SERIAL_UNCLEAR: Shape("fax: serial unclear, {detail}; check it against the register",
                                   _starts("fax: serial unclear")),
    Kind.FAX_FORM_TITLE: Shape("fax: form title {title!r} (similarity {similarity:.2f}) is a {form} form",
                               re.compile(r"^fax: form title .* is a (?P<form>\w+) form$")),
    Kind.FAX_FORM_WORDS: Shape("fax: the form's words ({words!r}) make it a {form} form",
                               re.compile(r"^fax: the form's words .* make it a (?P<form>\w+) form$")),
    Kind.FAX_SERIAL_READ: Shape("fax: serial {serials} read alike by independent reads",
                                re.compile(r"^fax: serial (?P<serials>.*) read alike by independent reads$")),
    Kind.FAX_UNOPENED: Shape("fax: the document could not be opened ({error})",
                             _starts("fax: the document could not be opened")),
    Kind.FAX_NO_PAGES: Shape("fax: the document has no pages", _starts("fax: the document has no pages")),
    Kind.FAX_BLANK: Shape("fax: every page is blank", _starts("fax: every page is blank")),
    Kind.FAX_ILLEGIBLE: Shape("fax: no legible text", _starts("fax: no legible text")),
    Kind.FAX_OCR_FAILED: Shape("fax: OCR failed ({failure}); the faxed pages were not read",
                               _starts("fax: OCR failed")),
    Kind.FAX_NOT_UNDERSTOOD: Shape("decision: the fax was read, but nothing in it was understood; "
                                   "a person must look at it",
                                   _starts("decision: the fax was read, but nothing in it was understood")),
    Kind.FAX_PAGES_UNREAD: Shape("fax: the faxed pages could not be read; a person must read them first",
                                 _starts("fax: the faxed pages could not be read")),
    Kind.POSSIBLE_EMERGENCY: Shape("possible emergency: {why}", _starts("possible emergency: ")),
    Kind.AUTOMATED_OVERRULED: Shape("automated? read as {verdict} by its wording alone, yet it reports a key at "
                                    "risk: a person looks at it", _starts("automated? read as ")),
    Kind.PROMOTED: Shape("decision: worked as an emergency revocation, {why} (read otherwise as {read_as})",
                         re.compile(r"^decision: worked as an emergency revocation, .*"
                                    r"\(read otherwise as (?P<read_as>\w+)\)$")),
}


def write(kind: Kind, **params: object) -> str:
    """The reason of *kind* with *params*, exactly as it is stored."""
    return SHAPES[kind].template.format(**params)


def prefix(kind: Kind) -> str:
    """The fixed words every reason of *kind* starts with."""
    return SHAPES[kind].prefix


def parse(reason: str) -> tuple[Kind, dict[str, str]] | None:
    """The kind of *reason* and the parameters read from it, or None when it is of no kind here."""
    for kind, shape in SHAPES.items():
        match = shape.pattern.match(reason)
        if match is not None:
            return kind, match.groupdict()
    return None
