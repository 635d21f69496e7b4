"""Madoguchi package `intake`: receiving, reading and answering customer mail.

Modules, one concept each:

* :mod:`intake.smtp` — inbound SMTP server; stores raw bytes through a ``MessageStore``.
* :mod:`intake.parse` — raw bytes to :class:`~intake.parse.ParsedMail` (never raises on bytes).
* :mod:`intake.charsets`, :mod:`intake.headers`, :mod:`intake.htmltext`, :mod:`intake.quoting`
  — Japanese charsets (CP50220, CP932, EUC-JP), RFC 2047 headers, HTML to text, and
  splitting new text from quotes and signatures.
* :mod:`intake.automated` — auto-reply and bounce detection.
* :mod:`intake.rules`, :mod:`intake.classify`, :mod:`intake.serials` — intent rules, the
  classification chain (rules and the model's vote, signals for the caller) and serial
  number extraction with candidates and decoys.
* :mod:`intake.model` — the trained intent model (character n-grams, numpy), trained on
  first use from the texts in ``intake/data/``.
* :mod:`intake.fax` — fax-to-email notices: the reading of a faxed document (text layer or OCR,
  form titles, serials); :mod:`intake.faxrender` renders its pages, :mod:`intake.faximage`
  cleans them, :mod:`intake.faxocr` and :mod:`intake.faxstamp` read the serial field.
* :mod:`intake.evaluation` — scoring against a labelled corpus (``classify --eval``).
* :mod:`intake.outgoing`, :mod:`intake.texts` — replies, case tags, loop header, sending.
* :mod:`intake.cli` — the ``classify`` subcommand.
"""
