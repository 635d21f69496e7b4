"""The serials outside writers' mails ask about (tests/data/serials/writer_s*.json), read through classify_text.

Writers who never read the code wrote short mails from the seed alone, each a subject line (or
none), a blank line and a body, with the serials the writer wants acted on: every written form of
a serial (grouped, dotted, wrapped by hand, in tables, look-alikes from OCR) and decoys (hashes,
other numbers, serials named only as background, a colleague's or an old certificate named only
to set it apart).  Writer s2 wrote 260, writer s3 280, writer s4 240 (every written form, with
decoys: fingerprints, GUIDs, Windows error codes, git hashes, tracking numbers), writer s5 280 at stop 47
(from 78 templates, each varied: the two halves share templates, so s5's check half is no blind measure of
what its fit half taught; measured once before the fixes: fit 130 of 140, check 128 of 140), writer s6 200
at stop 47, each written on its own (measured before any fix of the stop: fit 85, check 91 of 100; after the
fixes read from s5's fit half, before any from its own: check 95), writer s7 200 at stop 47, each written on its
own (before any fix of the stop: fit 82, check 81; before any fix read from its own fit half: fit 85, check 83),
writer s8 200 at stop 48, each written on its own (before any fix of the stop: fit 91, check 94), writer s9 200 at
stop 48, pasted as people paste serials (before any fix: fit 94, check 91; after the fixes read from s8's fit half,
before any from its own: check 92).  Writer s6's check item 197 was fixed at stop 48 by a rule read from writer s8's
and dev mail 39's fit halves.  Writer s10 wrote 160 at stop 48 and writer s11 200 at stop 49, each written on its
own (s10 was a blind measure at stop 48: 146; s11 before any fix: fit 93, check 95); writer s12 wrote 200 at stop 49
as a blind measure only, never tuned on (196 before and after the stop's fixes).  Writer s4's check item 233 was fixed
at stop 49 by a rule read from dev mail 43's fit half (hyphened groups of eight are no thumbprint).  Writer s13 wrote
200 at stop 49, frozen for stop 50 (before any fix: fit 98, check 93; after the fixes read from its fit half: fit
100, check 94).  Writers s14 (a blind measure at stop 50, never tuned on: 195), s15 (fit 97, check 99 before any fix)
and s16 (fit 90, check 87 before any fix; written from 91 patterns with varied fills, so its halves share wording)
were added at stop 51; s15's and s16's fit halves were tuned on.  Writer s17 wrote 200 at stop 52, each by hand
(before any fix: fit 93, check 93; after the fixes read from its fit half: fit 96, check 94).  Writer s18 wrote 200
at stop 53, each by hand (before any fix: fit 91, check 91; after the fixes read from its fit half: fit 98, check 91).
Writer s19 wrote 200 at stop 54, each by hand (before any fix: fit 96, check 88; after the fixes read from its fit half:
fit 100, check 89).  Writer s12's fit item 162 and writer s14's items 98 and 146 were fixed at stop 54 by rules read
from writer s19's fit half (a value marked wrong stays wrong, "sample" in a mail address makes no example, a
certificate named again in short as one to keep), and writer s10's check item 147 by one read from dev mail 50's.
Writer s20 wrote 200 at stop 55, each by hand (before any fix: fit 91, check 92; after the fixes read from its fit
half: fit 100, check 93).  The rules read from writer s20's and dev mail 51's fit halves at stop 55 also mended writer
s2's item 147, s3's 193, s7's 87 and 174, s14's 79, s15's 169 and s17's 9.  Writer s21 wrote 200 at stop 55, each by
hand, and was measured after those fixes (before any fix of its own: fit 88, check 90; after the fixes read from its
fit half: fit 97, check 92).  Writer s22 wrote 200 at stop 55, a blind measure of the stop's final code that is not
tuned on (fit 95, check 98).  Writer s23 wrote 200 at stop 56, each by hand (before any fix: fit 86, check 81; after the
fixes read from its fit half: fit 99, check 83); writer s24 wrote 200 at stop 56 and was measured after those fixes
(before any fix of its own: fit 91, check 94; after the fixes read from its fit half: fit 100, check 94); writer s25
wrote 200 at stop 56, a blind measure of the stop's final code that is not tuned on (fit 95, check 90).  The rules read
at stop 56 mended writer s11's items 15 and 132, s13's 51, s15's 184, s17's 87 and s19's 193; writer s2's item 190,
a relying party's question labelled without the signer's serial, fails since the reader names that serial (as six
other writers label it).  Writer s26 wrote 200 at stop 57, each by hand (before any fix:
fit 88, check 82; after the fixes read from its fit half: fit 97, check 83); those fixes also mended writer s21's item
147 and s25's 113.  Writer s27 wrote 200 at stop 57 and was measured after those fixes (before any fix of its own:
fit 87, check 89; after the fixes read from its fit half: fit 95, check 91).  Writer s28 wrote 200 at stop 57, a
blind measure of that stop's final code that was not tuned on (fit 83, check 83).  Writer s29 wrote 200 at stop 58,
each by hand, much of it copied by OCR or from PDF tables (before any fix: fit 74, check 77; after the fixes read
from its fit half: fit 94, check 78); those fixes also mended writer s9's item 71, s10's 49 and s28's 107.
Writers s30 and s31 wrote 200 each at stop 58, measured blind on that stop's final code (s30 fit 80, check 70; s31
fit 89, check 82) and tuned on their fit halves at stop 59 (s30 fit 89, check 71; s31 fit 92, check 84).  Writer
s32 wrote 200 at stop 59, copied from viewers, openssl, PDFs and sheets and picked by place or holder (before any fix:
fit 79, check 82; after the fixes read from its fit half: fit 89, check 85).  Writers s33 and s34 wrote 200 each at
stop 59, blind measures of that stop's final code (s33 fit 94, check 88; s34 fit 78, check 72), tuned on their fit
halves at stop 60 (s33 fit 98, check 90; s34 fit 88, check 75).  The rules read at stop 59 also mended writer s5's
items 87 and 205, s9's 183, s18's 149, s23's 85, s26's 83, s28's 34 and s29's 105 and 144.  Writer s35 wrote 200 at
stop 60, read out of certificate viewers, openssl, keytool and printed notices (before any fix: fit 85, check 87;
after the fixes read from its fit half and s33's and s34's: fit 94, check 87).  Writers s36 (typed on smartphones) and
s37 (long business mails with many other numbers) wrote 200 each at stop 60, measured blind on the code of that stop's
first pass (s36 fit 80, check 81; s37 fit 91, check 82) and tuned on their fit halves in its second (s36 fit 88, check
83; s37 fit 93, check 82).  Writer s38 wrote 200 at stop 60, a blind measure of that stop's final code that is not
tuned on (fit 80, check 84); at stop 61 its fit half was tuned on (fit 92, check 87).  Writer s39 wrote 200 at stop
61, administrators picking rows of lists by a cell (before any fix: fit 81, check 80; after the fixes read from its fit
half: fit 91, check 82); writer s41 wrote 200 at stop 61 and was measured on that stop's first pass (fit 69, check 80;
after the fixes read from its fit half: fit 80, check 83); writer s40 wrote 200 at stop 61, a blind measure of that
stop's final code that is not tuned on (fit 91, check 90).  Writer s42 wrote 200 at stop 62, rows picked out of
registers, replies and serials read aloud (before any fix: fit 91, check 85; after the fixes read from its fit half:
fit 98, check 87); writer s43 wrote 200 at stop 62, a blind measure of that stop's final code (fit 85, check 88), tuned
on its fit half at stop 63 (fit 92, check 88).  Writer s44 wrote 200 at stop 63, serials copied from screens, notices,
viewers and sheets (before any fix: fit 82, check 82; after the fixes read from its fit half: fit 94, check 83);
writer s45 wrote 200 at stop 63, offices and families picking rows of their lists, a blind measure of that stop's
final code that is not tuned on (fit 69, check 78; stop 62's code reads it the same), tuned on its fit half at stop 64
(fit 75, check 78).  Writer s46 wrote 200 at stop 64, serials copied from viewers, notices and sheets with look-alike
letters corrected (before any fix: fit 90, check 89; after the fixes read from its fit half: fit 94, check 89); writer
s47 wrote 200 at stop 64, threads, forwards and picks by place, a blind measure of that stop's final code that is not
tuned on (fit 78, check 76; stop 63's code reads it the same).  The rules read at stop 64 also mended writer s23's item
71 and s44's 151.  Writer s48 wrote 200 at stop 65, serials pasted from command-line tools (openssl, certutil,
PowerShell, keytool) and sheets with a status column (before any fix: fit 78, check 72; after the fixes read from its
fit half: fit 89, check 74); writer s49 wrote 200 at stop 65, HR staff and families naming leavers and the dead, a
blind measure of that stop's final code that is not tuned on (fit 79, check 78; stop 64's code: fit 80, check 78).
The rules read at stop 65 (from s48's and s47's fit halves and dev mail 79's) also mended writer s6's item 95, s11's
195, s13's 179, s24's 165, s31's 163, s32's 39, s33's 15 and 79, s34's 134, s36's 86, s37's 139, s39's 26, s41's 5
and 190, s42's 41, 83 and 87, s43's 151, s45's 63, 124 and 137, and s47's 0, 8 and 59.  The rules read at stop 63 also
mended writer s7's item 181, s8's 115, s13's 17, s20's 21 and 35, s23's 4 and 119, s25's 96, s28's 176 and 183, s31's
197, s32's 190, s33's 143 and 199, s35's 176, s36's 5 and s41's 92, 130 and 192.  The rules read at stop 61 (among
them the rows picked by a cell, :mod:`intake.rowpick`) also mended writer s18's item 59, s26's 130, s27's 116, s29's
13, s30's 159, s32's 146, s34's 45 and 103, s36's 107, 167 and 182, and s37's 5 and 134.  The rules read at stop 60
also mended writer s2's items 49, s3's 79, s7's 67 and 136, s9's 97, s13's 105, s17's 135, s18's 99, s19's 83, s21's
48, 81 and 150, s23's 25, s28's 119, s29's 191, s30's 25 and s31's 193.  Where a writer labels no serial in a
thank-you note or a bounce that names one, older writers labelled it: the reader keeps the serial, so that the case
shows the certificate, and those items are named as known failures.
Each file is split by a fixed rule chosen before any result was looked at: the items at even positions (0, 2, 4, …) are
the fit half, whose failures were read and fixed; the items at odd positions are the check half,
whose failures were read only to name them here, after the fixes, and were not tuned on (writer
s3's check half was measured once before the fixes: 106 of 140; writer s4's: 98 of 120, its fit
half 99 of 120).  Three causes named on writer s4's check half were fixed later by general rules (the
certificate that arrived read as another's, an ask aimed at an application beside "do NOT revoke it",
an item's number parted from its request by the full stop of "no."): for those, that half no longer
measures blind. Its item 61 (space pairs broken inside a pair
where the line ended) was fixed at stop 47 by a rule read from writer s5's fit half, and writer s5's check item
177 (a value the writer says wrapped) by one read from writer s7's fit half.

Each mail is read as :mod:`tests.unit.intake.test_intake_serialscope` reads ``scope.json``: the
serials :func:`intake.classify.classify_text` decides the mail asks about, compared as sets; the
first line goes in as the subject, as the writer wrote it.  Items still read wrong are marked as
known failures (strict, so a fix shows up as an unexpected pass) with the reason of each.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_text

DATA = Path(__file__).resolve().parents[2] / "data" / "serials"

# The items still read wrong, per writer and by position in the writer's file, with why.
KNOWN_FAILURES: dict[str, dict[int, str]] = {
    "writer_s2": {
        37: "a correction in colon pairs differing in one pair: neither value is kept as the right one",
        41: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
        43: "32 digits in groups of four in a mail about both certificates are split in two",
        65: "'それは前の証明書でした' (that was my previous certificate) is not read as a correction",
        82: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
        103: "a correction under '正しい番号は下記です' in groups of four: neither value is kept",
        165: "label '製造番号' (a device's manufacturing number) on 20 colon pairs; the writer's label is doubtful",
        175: "a former employee's certificate asked about ('元社員の証明書…がまだ有効か') is not read as another's",
        181: "'I received a signed PDF from a supplier. Their certificate serial is …' is not read as another's",
        211: "40 digits in groups of four are split in two (the mail says two certificates were issued)",
        216: "label '製造番号' (a device's manufacturing number) on 20 SHA-1-shaped pairs;"
        " the writer's label is doubtful",
        225: "'I received a signed PDF from a supplier. Their certificate serial is …' is not read as another's",
        246: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
        257: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
        190: "not read as labelled (since stop 56)",
    },
    "writer_s3": {
        # The fit half.
        214: "the writer wants the serial of a question asked while writing a manual ('マニュアルを作っています');"
        " the scope reads such a mail as preparing for an incident and leaves its serials out (dev mail8 agrees)",
        258: "a follow-up names a colleague's serial ('こちらは失効しないでください') and wants the quoted request's"
        " serials; an exact serial of the writer's own text keeps the quoted ones out",
        # The check half.
        5: "'Please ignore …; that was my previous certificate' is not read as setting the serial apart",
        15: "the only serial is 'now … not the object' ('今回の対象ではありません') of a cancellation; a lone serial"
        " is left out only when told not to be revoked",
        39: "a tab table whose value cells end with a tab: dotted groups of four read as two, and '5C19.867E' as two",
        57: "dotted pairs wrapped after a hanging dot with three pairs on the next line: the rest is not read",
        97: "dotted groups wrapped with the rest followed by '(main PC)', and a value followed by '- backup'",
        107: "the corrected value in the mail's own text does not bring in the quoted request's other serial",
        113: "a colleague's certificate that the colleague will handle himself is not read as another's",
        117: "a thank-you for a revocation already done names two serials as history; the writer labels them",
        121: "full-width groups of four split by ideographic spaces in a list of three certificates, and a wrapped"
        " value after a hyphen in a question",
        169: "a bare value in a question about its expiry: the writer labels it;"
        " bare values are taken only in requests",
        177: "'… is Tom's certificate, not the one I am asking about' with a full-width value; the quoted wrapped"
        " serial is not brought in",
        259: "a colleague's certificate that the colleague will handle himself is not read as another's",
        275: "a hyphen-wrapped value in a question's list is not taken with its sibling",
    },
    "writer_s4": {
        # The check half.
        73: "a bare 34-digit item of a bullet list in a mail naming a thumbprint is not sure",
        181: "groups of eight wrapped after the first group ('DCCE23A3' / '124B549E 47469262 82906446')"
        " are read as two values",
    },
    "writer_s5": {
        # The fit half.
        134: "a thank-you for an emergency revocation done names its serial as history; writers s3 and s4"
        " label such serials, this writer does not",
        210: "a thank-you for an emergency revocation done names its serial as history; writers s3 and s4"
        " label such serials, this writer does not",
        # The check half.
        39: "a serial broken by the writer after six digits below 'S/N は' is read as two values",
        201: "a thank-you for an emergency revocation done names its serial as history; writers s3 and s4"
        " label such serials, this writer does not",
        271: "a serial broken by the writer after seven digits below 'S/N は' is read as two values",
    },
    "writer_s6": {
        # The fit half.
        34: "a thank-you for a revocation done names its serial as history; writers s3 and s4 label such serials",
        48: "the holder asks how a relying party sees a revoked certificate ('検証する側から見て'): read as"
        " the writer not being the holder",
        110: "a what-if question ('nothing happened yet') quoting the writer's serial: the scope leaves out the"
        " serials of a mail that prepares for an incident (dev mail8 agrees)",
        170: "a thank-you for a quick issuance names the new serial; the writer does not label it",
        # The check half.
        69: "the previous certificate, 'すでに期限切れ' in a later sentence, named beside the new one to correct",
        77: "a bullet list of three with remarks after '…': the one kept ('このまま継続') and the one revoked"
        " before ('失効済み') are not told apart from the one asked",
        187: "'申込を失効してください' with the expired previous certificate named as history",
    },
    "writer_s7": {
        # The fit half (the reasons are the writer's own descriptions of the items).
        94: "not read as labelled: en faq refund after revocation, serial asked",
        120: "not read as labelled: en death notice colleague, own cert listed for context",
        132: "not read as labelled: ja correction two 20-digit, corrected serial within mail",
        142: "not read as labelled: ja faq agent application, spouse cert named for reference",
        # The check half (named from the writer's descriptions only; their texts were not read).
        15: "not read as labelled: en other sales pitch HSM, GUID and device serial decoys",
        21: "not read as labelled: en revocation two certs pipe table, keep the other",
        47: "not read as labelled: ja revocation self-corrected serial within mail",
        65: "not read as labelled: ja revocation two certs 項目：値, revoke old-office one only",
        135: "not read as labelled: ja emergency secretary reports boss card lost in Taiwan, hanging dot wrap",
        149: "not read as labelled: ja faq validity and payment, serial asked",
        153: "not read as labelled: ja cancellation renewal application, old revoked cert as history",
        159: "not read as labelled: ja correction pipe table, two certs, only one wrong",
        185: "not read as labelled: en faq issuance time, colleague cert for reference",
        189: "not read as labelled: ja revocation department name changed, new cert kept",
        199: "not read as labelled: ja emergency PIN sticky note lost, hanging wrap upper g4 space",
    },
    "writer_s8": {
        # The fit half (the reasons are the writer's own descriptions of the items).
        34: "not read as labelled: revocation hard: writer's expired old serial mentioned as history plus current "
        "serial to revoke, both writer's",
        82: "not read as labelled: revocation EN hard: holder of two certificates revokes work one, keeps home "
        "one; both named as writer's",
        124: "not read as labelled: faq what-if: asks what family should do if the holder dies some day, nobody "
        "died, own serial given",
        156: "not read as labelled: emergency EN hard: stolen laptop held expired old certificate and current one, "
        "both named as writer's, old one first",
        # The check half (named from the writer's descriptions only; their texts were not read).
        9: "not read as labelled: faq what-if: asks what to do IF laptop is lost abroad, nothing lost, gives own "
        "serial grouped by 2 for reference",
        101: "not read as labelled: revocation hard: own serial to revoke plus colleague's serial mentioned who "
        "will write separately (not asked)",
        131: "not read as labelled: emergency hard: holder's laptop lost, revoke laptop certificate, keeps desktop "
        "certificate; both named as writer's",
        145: "not read as labelled: revocation EN hard: serial written with mixed separators (colon, hyphen, dot, "
        "spaces) by odd groups",
        197: "not read as labelled: death notice hard: son reports father's death and also names his own "
        "certificate which he keeps using; both labeled",
    },
    "writer_s9": {
        # The fit half (the reasons are the writer's own descriptions of the items).
        2: "not read as labelled: JA faq what-if laptop lost before business trip (nothing lost), own serial given "
        "for reference, postal code decoy",
        82: "not read as labelled: EN company IT admin revokes 5 staff (branch closure), CSV with Excel "
        "apostrophe, one serial shown as 4.71E+15 with real value beside it",
        142: "not read as labelled: JA revocation job change, writer's expired 2022 serial mentioned as history "
        "before the current one to revoke",
        188: "not read as labelled: JA emergency company PC stolen, OCR garbled label (シリアノレ) and serial with l "
        "and O look-alikes NOT noticed",
        # The check half (named from the writer's descriptions only; their texts were not read).
        5: "not read as labelled: JA company admin revokes 3 retiring staff, Excel paste: one serial in scientific "
        "notation next to real value, one with leading zero dropped, employee ID decoys",
        137: "not read as labelled: EN IT admin dumps 4 serials with an openssl shell loop, asks to revoke only "
        "Bob's and Carol's (Alice and Dave stay)",
        173: "not read as labelled: JA emergency home burglary desktop stolen, serial from notepad split over two "
        "indented lines with ※ footnote mark, police receipt decoy",
        185: "not read as labelled: JA cancellation of an additional application while keeping the current issued "
        "cert (serial named, not to be revoked)",
        195: "not read as labelled: EN revocation correcting yesterday's serial which was a colleague's cert (not "
        "to be revoked), similar serials",
    },
    "writer_s10": {
        # The fit half (the reasons are the writer's own descriptions of the items).
        # Since stop 54 a certificate named in full and then in short as one to keep ("新しい方は…止めないで") is left
        # out, as the later writers label it; this writer labels such a one of the writer's own.
        60: "the writer's new certificate, named in short as one not to stop, is labelled by this writer",
        62: "not read as labelled: faq: colleague's serial mentioned as example, asks where serial is shown, own "
        "cert not named",
        92: "not read as labelled: revocation: name change by marriage, asks whether revoke or correction, "
        "chooses revocation per FAQ, two serials (own old and current)",
        122: "not read as labelled: death_notice: daughter-in-law, holder's death, also mentions own cert not to "
        "be touched",
        130: "not read as labelled: revocation: writer's old cert and new cert, asks revoke current, mentions old "
        "one already revoked",
        # The check half (named from the writer's descriptions only; their texts were not read).
        5: "not read as labelled: other: thank-you note after download, no request, own serial mentioned",
        27: "not read as labelled: revocation company admin: several certs, only one asked about, others listed "
        "as inventory",
        61: "not read as labelled: emergency_revocation: lost laptop with current cert; old expired cert serial "
        "mentioned as history",
        65: "not read as labelled: other: thanks for revoking colleague's cert last week, mentions serial, no "
        "request",
        79: "not read as labelled: faq English: mentions colleague's certificate was revoked, asks how long "
        "revocation takes, no own serial",
        97: "not read as labelled: correction English: company name wrong, serial 14 hex (leading zeros dropped)",
    },
    "writer_s11": {
        # The fit half (the reasons are the writer's own descriptions of the items).
        36: "not read as labelled: backup how-to, own serial",
        184: "not read as labelled: application number mislabeled as serial",
        # The check half (named from the writer's descriptions only; their texts were not read).
        83: "not read as labelled: table of four, revoke two only",
        119: "not read as labelled: old closed serials plus current one",
        155: "not read as labelled: invoice addressed to company next renewal, own serial",
    },
    "writer_s12": {
        # The fit half (never tuned on: s12 is a blind measure; named from the descriptions only).
        80: "not read as labelled: other: thanks for revocation done, quoting serial of closed matter",
        176: "not read as labelled: correction: mail says 訂正 with two serials, one is old revoked",
        # The check half (named from the writer's descriptions only; their texts were not read).
        35: "not read as labelled: emergency indirect wording",
    },
    "writer_s13": {
        # The check half (named from the writer's descriptions only; their texts were not read).
        13: "not read as labelled: thanks message",
        67: "not read as labelled: faq phone number, quoted old closed serial",
    },
    "writer_s14": {
        # s14 was a blind measure at stop 50 and is not tuned on (named from the writer's descriptions only).
        73: "not read as labelled: 母の死亡、2枚とも失効（1枚は期限切れかも）",
    },
    "writer_s15": {
        # The fit half.
        # The check half (named from the writer's descriptions only; their texts were not read).
    },
    "writer_s16": {
        # The fit half.
        10: "a second certificate the writer says to keep is left out; the writer labels it",
        52: "a value given as the certificate the writer has now, under a question about another, is not taken",
        106: "colon pairs wrapped after a colon in brackets ('D1:30:' / 'F7:B9') are not read",
        160: "an expired earlier certificate named as out of scope (対象外) is left out; the writer labels it",
        172: "40 digits in groups of four after '対象の証明書は' are taken for a SHA-1 thumbprint",
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        15: "not read as labelled",
        93: "not read as labelled",
        95: "not read as labelled",
        101: "not read as labelled",
        107: "not read as labelled",
        131: "not read as labelled",
        171: "not read as labelled",
        173: "not read as labelled",
        179: "not read as labelled",
        183: "not read as labelled",
    },
    "writer_s17": {
        # The fit half.
        94: "a My Number card's maker number after 'らしき番号は' is read as a serial; the writer labels none",
        124: "a question about the leading 00 of the writer's own serial, before a revocation planned, is left out",
        128: "a serial quoted from a phishing mail the writer disowns (そんな番号の証明書を持っていません) is taken",
        162: "the writer's own certificate, named under a question whether to keep using it, is left out",
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        65: "not read as labelled",
        109: "not read as labelled",
        139: "not read as labelled",
    },
    "writer_s18": {
        # The fit half: this writer labels a serial of the writer's own that they say to keep using; the
        # others' labels leave such a one out, and so does the reader.
        28: "the writer's own certificate, kept while an application is called off, is labelled by this writer",
        102: "the writer's own certificate, kept while a brother's is revoked, is labelled by this writer",
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        55: "not read as labelled",
        73: "not read as labelled",
        115: "not read as labelled",
        127: "not read as labelled",
        137: "not read as labelled",
        165: "not read as labelled",
    },
    "writer_s19": {
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        35: "not read as labelled",
        37: "not read as labelled",
        87: "not read as labelled",
        113: "not read as labelled",
        125: "not read as labelled",
        143: "not read as labelled",
        157: "not read as labelled",
        171: "not read as labelled",
        195: "not read as labelled",
    },
    "writer_s20": {
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        55: "not read as labelled",
        123: "not read as labelled",
        171: "not read as labelled",
        199: "not read as labelled",
    },
    "writer_s21": {
        # The fit half: read, and left.
        106: "a value read out in katakana inside 「」, its label a sentence above, is not taken as sure",
        # The check half (the writer's names say nothing of the items, and their texts were not read).
        69: "not read as labelled",
        95: "not read as labelled",
        135: "not read as labelled",
        151: "not read as labelled",
        177: "not read as labelled",
        185: "not read as labelled",
    },
    "writer_s22": {
        # A blind measure of the stop's final code, never tuned on (named from the writer's names only).
        48: "not read as labelled",
        91: "not read as labelled",
        94: "not read as labelled",
        107: "not read as labelled",
        132: "not read as labelled",
        156: "not read as labelled",
        184: "not read as labelled",
    },
    "writer_s23": {
        # Tuned on its fit half at stop 56 (blind: fit 86, check 81); the check half's misses are named unread.
        47: "not read as labelled",
        65: "not read as labelled",
        69: "not read as labelled",
        91: "not read as labelled",
        125: "not read as labelled",
        135: "not read as labelled",
        159: "not read as labelled",
        181: "not read as labelled",
        183: "not read as labelled",
        191: "not read as labelled",
        195: "not read as labelled",
        197: "not read as labelled",
    },
    "writer_s24": {
        # Measured after stop 56's first fixes, then tuned on its fit half (blind: fit 91, check 94); the check
        # half's misses are named unread.
        29: "not read as labelled",
        31: "not read as labelled",
        83: "not read as labelled",
        85: "not read as labelled",
        157: "not read as labelled",
    },
    "writer_s25": {
        # A blind measure of stop 56's final code, never tuned on (named from the writer's names only).
        47: "not read as labelled",
        53: "not read as labelled",
        56: "not read as labelled",
        57: "not read as labelled",
        86: "not read as labelled",
        143: "not read as labelled",
        151: "not read as labelled",
        165: "not read as labelled",
        171: "not read as labelled",
        172: "not read as labelled",
        179: "not read as labelled",
        189: "not read as labelled",
        196: "not read as labelled",
    },
    "writer_s26": {
        10: "a thank-you note: the writer labels none of the serials thanked for; older writers label them",
        41: "not read as labelled (since stop 57)",
        43: "not read as labelled (since stop 57)",
        53: "not read as labelled (since stop 57)",
        57: "not read as labelled (since stop 57)",
        65: "not read as labelled (since stop 57)",
        87: "not read as labelled (since stop 57)",
        89: "not read as labelled (since stop 57)",
        111: "not read as labelled (since stop 57)",
        125: "not read as labelled (since stop 57)",
        142: "a thank-you note: the writer labels none of the serials thanked for; older writers label them",
        163: "not read as labelled (since stop 57)",
        173: "not read as labelled (since stop 57)",
        181: "not read as labelled (since stop 57)",
        191: "not read as labelled (since stop 57)",
        199: "not read as labelled (since stop 57)",
    },
    "writer_s27": {
        5: "not read as labelled (since stop 57)",
        19: "not read as labelled (since stop 57)",
        23: "not read as labelled (since stop 57)",
        31: "not read as labelled (since stop 57)",
        51: "not read as labelled (since stop 57)",
        74: "not read as labelled (since stop 57)",
        81: "not read as labelled (since stop 57)",
        98: "not read as labelled (since stop 57)",
        101: "not read as labelled (since stop 57)",
        120: "not read as labelled (since stop 57)",
        124: "not read as labelled (since stop 57)",
        129: "not read as labelled (since stop 57)",
        131: "not read as labelled (since stop 57)",
    },
    "writer_s28": {
        26: "not read as labelled (since stop 58)",
        46: "not read as labelled (since stop 58)",
        49: "not read as labelled (since stop 58)",
        50: "not read as labelled (since stop 58)",
        55: "not read as labelled (since stop 58)",
        56: "not read as labelled (since stop 58)",
        79: "not read as labelled (since stop 58)",
        81: "not read as labelled (since stop 58)",
        88: "not read as labelled (since stop 58)",
        92: "not read as labelled (since stop 58)",
        94: "not read as labelled (since stop 58)",
        100: "not read as labelled (since stop 58)",
        108: "not read as labelled (since stop 58)",
        113: "not read as labelled (since stop 58)",
        118: "not read as labelled (since stop 58)",
        121: "not read as labelled (since stop 58)",
        124: "not read as labelled (since stop 58)",
        127: "not read as labelled (since stop 58)",
        141: "not read as labelled (since stop 58)",
        147: "not read as labelled (since stop 58)",
        160: "not read as labelled (since stop 58)",
        161: "not read as labelled (since stop 58)",
        167: "not read as labelled (since stop 58)",
        172: "not read as labelled (since stop 58)",
        179: "not read as labelled (since stop 58)",
        188: "not read as labelled (since stop 58)",
        191: "not read as labelled (since stop 58)",
        198: "not read as labelled (since stop 58)",
    },
    "writer_s29": {
        29: "not read as labelled (since stop 58)",
        30: "a thank-you note for an emergency revocation done: the writer labels none of the serials thanked"
        " for; older writers label them",
        33: "not read as labelled (since stop 58)",
        36: "a table copied from a PDF whose values wrap onto the next line, rows picked by their numbers and use"
        " ('契約書署名用の1と3') are not narrowed to",
        37: "not read as labelled (since stop 58)",
        43: "not read as labelled (since stop 58)",
        47: "not read as labelled (since stop 58)",
        54: "a four-digit value after a serial label that the writer then says was a receipt number is still read as a"
        " serial",
        57: "not read as labelled (since stop 58)",
        71: "not read as labelled (since stop 58)",
        77: "not read as labelled (since stop 58)",
        97: "not read as labelled (since stop 58)",
        103: "not read as labelled (since stop 58)",
        120: "the only serial, named as history ('失効済みです') in a question about fees, is kept; a lone"
        " serial is left out only when told not to be revoked",
        121: "not read as labelled (since stop 58)",
        145: "not read as labelled (since stop 58)",
        147: "not read as labelled (since stop 58)",
        153: "not read as labelled (since stop 58)",
        155: "not read as labelled (since stop 58)",
        161: "not read as labelled (since stop 58)",
        163: "not read as labelled (since stop 58)",
        165: "not read as labelled (since stop 58)",
        172: "a transcribed value with its look-alikes explained ('（O=ゼロ、S=ゴ）') but no serial label"
        " stays unsure and is not taken",
    },
    "writer_s30": {
        10: "a colleague's serial named in a question ('he showed me … I'd like one too') is read as asked about",
        14: "a serial named as history ('was revoked in January') in a question about applying again is kept",
        20: "a security key's 's/n' (an 8-digit number in a model's brackets) is read as a serial",
        23: "not read as labelled (since stop 59)",
        32: "old and new serials listed in a question about the new one only are both kept",
        41: "not read as labelled (since stop 59)",
        45: "not read as labelled (since stop 59)",
        50: "'do NOT revoke the first one … The second one is correct' picks from our quoted list, which is not read",
        53: "not read as labelled (since stop 59)",
        61: "not read as labelled (since stop 59)",
        67: "not read as labelled (since stop 59)",
        73: "not read as labelled (since stop 59)",
        75: "not read as labelled (since stop 59)",
        76: "'the old one … is still valid' is read as kept, and the new one named as background is taken",
        82: "'I'm only asking about mine' beside 'my boss's' does not set the boss's apart",
        86: "a serial named as history ('was revoked in May') in a question about the new one is kept",
        91: "not read as labelled (since stop 59)",
        97: "not read as labelled (since stop 59)",
        100: "'This is unrelated to the certificate below' does not set the quoted notice's serial apart",
        101: "not read as labelled (since stop 59)",
        107: "not read as labelled (since stop 59)",
        115: "not read as labelled (since stop 59)",
        123: "not read as labelled (since stop 59)",
        124: "our quoted revocation notice's serial, under a question about applying again, is kept",
        129: "not read as labelled (since stop 59)",
        133: "not read as labelled (since stop 59)",
        135: "not read as labelled (since stop 59)",
        137: "not read as labelled (since stop 59)",
        141: "not read as labelled (since stop 59)",
        147: "not read as labelled (since stop 59)",
        161: "not read as labelled (since stop 59)",
        163: "not read as labelled (since stop 59)",
        177: "not read as labelled (since stop 59)",
        179: "not read as labelled (since stop 59)",
        185: "not read as labelled (since stop 59)",
        188: "'A: … I'm letting it go' beside 'B: …' asked about in a question keeps both",
        191: "not read as labelled (since stop 59)",
        193: "not read as labelled (since stop 59)",
    },
    "writer_s31": {
        11: "not read as labelled (since stop 59)",
        24: "a thank-you after an emergency revocation done: the writer labels none of the serials thanked for; older"
        " writers label them",
        30: "the writer's own serial in a question prepared for an emergency is labelled; the mail prepares and"
        " reports none, so it is left out",
        38: "an internal ledger note forwarded, naming a colleague's serial and its expiry, is read as asked about",
        41: "not read as labelled (since stop 59)",
        54: "a thank-you after an emergency revocation done: the writer labels none of the serials thanked for",
        55: "not read as labelled (since stop 59)",
        69: "not read as labelled (since stop 59)",
        89: "not read as labelled (since stop 59)",
        100: "an acknowledgement of our revocation notice: the writer labels none of the quoted serial",
        102: "the row picked by its application number ('申込番号 24-0521-091 のほう') is not narrowed to",
        103: "not read as labelled (since stop 59)",
        108: "a colleague's serial given as an example ('みたいな発行のお知らせ') is read as asked about",
        114: "contents confirmed right ('全部合っていました') beside a question on forms: the writer labels none",
        115: "not read as labelled (since stop 59)",
        129: "not read as labelled (since stop 59)",
        135: "not read as labelled (since stop 59)",
        149: "not read as labelled (since stop 59)",
        157: "not read as labelled (since stop 59)",
        161: "not read as labelled (since stop 59)",
        183: "not read as labelled (since stop 59)",
    },
    "writer_s32": {
        19: "not read as labelled (since stop 59)",
        25: "not read as labelled (since stop 59)",
        32: "a thank-you after a revocation done: the writer labels none of the serials thanked for",
        42: "the newest of three by issue date ('一番新しい日付のもの(11/8発行)') is not narrowed to",
        47: "not read as labelled (since stop 59)",
        50: "look-alikes explained as 'Sとlが変なので、たぶん5と1です' are not read as digits",
        59: "not read as labelled (since stop 59)",
        62: "a complaint after a revocation done: the writer labels none of the serial",
        75: "not read as labelled (since stop 59)",
        77: "not read as labelled (since stop 59)",
        80: "a phishing notice's serial is read as asked about",
        89: "not read as labelled (since stop 59)",
        100: "the old one asked by its expiry in a table of two ('3月に期限が切れる古い方') is not narrowed to",
        106: "a printer's serial joined to its model ('LX44-0091827') is read in part as a serial",
        108: "certutil blocks whose holder stands on the line under the serial are not narrowed to the holder asked",
        129: "not read as labelled (since stop 59)",
        131: "not read as labelled (since stop 59)",
        141: "not read as labelled (since stop 59)",
        170: "a question for an internal audit ('社内監査で') is read as preparing for an incident, its serial left"
        " out",
    },
    "writer_s33": {
        21: "not read as labelled (since stop 59)",
        52: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        91: "not read as labelled (since stop 59)",
        112: "a predecessor's serial noted as revoked last year ('こちらは昨年の更新時に失効済み') is read beside"
        " the one asked",
        133: "not read as labelled (since stop 59)",
        153: "not read as labelled (since stop 59)",
        161: "not read as labelled (since stop 59)",
        171: "not read as labelled (since stop 59)",
    },
    "writer_s34": {
        1: "not read as labelled (since stop 59)",
        8: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        19: "not read as labelled (since stop 59)",
        34: "a reply picks 'the one that starts with 19E7' of two quoted 4x4 lines, which are read as one value",
        49: "not read as labelled (since stop 59)",
        59: "not read as labelled (since stop 59)",
        70: "an 8-digit value the writer calls short ('桁が少ない気がしますが、控えの通りです') is not taken",
        77: "not read as labelled (since stop 59)",
        81: "not read as labelled (since stop 59)",
        89: "not read as labelled (since stop 59)",
        99: "not read as labelled (since stop 59)",
        113: "not read as labelled (since stop 59)",
        116: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        119: "not read as labelled (since stop 59)",
        120: "'…については…当院からの依頼ではありません' two clauses after the value is not read as leaving it out",
        121: "not read as labelled (since stop 59)",
        125: "not read as labelled (since stop 59)",
        127: "not read as labelled (since stop 59)",
        138: "'The other certificate you mention is my colleague's and is fine' does not set the quoted row apart",
        141: "not read as labelled (since stop 59)",
        147: "not read as labelled (since stop 59)",
        157: "not read as labelled (since stop 59)",
        159: "not read as labelled (since stop 59)",
        160: "a forwarder's 'X様の分は先月すでに失効手続き済み' does not set apart X's serial in the forwarded request",
        163: "not read as labelled (since stop 59)",
        164: "a thank-you for a new certificate names its serial; the writer labels none",
        170: "a reply quoting one row ('これです') keeps the other row of the deeper quote",
        181: "not read as labelled (since stop 59)",
        184: "'The serial on page 1 is my wife's certificate, please leave it' does not set the quoted page-1 row"
        " apart",
        186: "rows picked by a filled column ('退職日が入っている人の分') are not read from a pasted sheet",
        197: "not read as labelled (since stop 59)",
        199: "not read as labelled (since stop 59)",
    },
    "writer_s35": {
        8: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        9: "not read as labelled (since stop 60)",
        16: "a bounce of the desk's notice names its serial; the writer labels none (older writers label it)",
        27: "not read as labelled (since stop 60)",
        33: "not read as labelled (since stop 60)",
        52: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        57: "not read as labelled (since stop 60)",
        89: "not read as labelled (since stop 60)",
        115: "not read as labelled (since stop 60)",
        117: "not read as labelled (since stop 60)",
        118: "a colleague's serial followed by 'please don't act on hers' two sentences later is read",
        129: "not read as labelled (since stop 60)",
        145: "not read as labelled (since stop 60)",
        148: "a thank-you for a revocation done names its serial; the writer labels none (older writers label it)",
        149: "not read as labelled (since stop 60)",
        171: "not read as labelled (since stop 60)",
        185: "not read as labelled (since stop 60)",
        187: "not read as labelled (since stop 60)",
    },
    "writer_s36": {
        8: "'母の分だけ失効…父と私のはそのまま': a family list with '・' bullets; a row not asked for is kept",
        9: "not read as labelled (since stop 60)",
        13: "not read as labelled (since stop 60)",
        17: "not read as labelled (since stop 60)",
        23: "not read as labelled (since stop 60)",
        55: "not read as labelled (since stop 60)",
        59: "not read as labelled (since stop 60)",
        74: "a value wrapped after an odd group ('0d8c 4f' then 'a2 917b e356') is read as two values",
        79: "not read as labelled (since stop 60)",
        89: "not read as labelled (since stop 60)",
        96: "rows labelled '息子：' and '私　：' with '私の分は…止めないでください' keep no row",
        99: "not read as labelled (since stop 60)",
        106: "'さっきの違った、…です' in a chat takes back no value: both readings are kept",
        119: "not read as labelled (since stop 60)",
        120: "the first half in the subject ('シリアル前半 2C9F 7A04') and the rest in the body are not joined",
        125: "not read as labelled (since stop 60)",
        136: "a value typed over two chat messages with timestamps between ('A06E 2F' … 'D9 41B7 C3E5 82')",
        137: "not read as labelled (since stop 60)",
        144: "a camera's OCR with I for 1, O for 0 and Z for 2 ('3I0E O7A9 CZI4 D58B') is not repaired",
        161: "not read as labelled (since stop 60)",
        170: "autocorrect's 'café' for CAFE inside pairs ('5E café 81 0D …') is not read",
        176: "full-width O for zero at the head of a mixed-width value ('ＦＯ４Ｃ 1a 9e …') is not repaired",
        193: "not read as labelled (since stop 60)",
        196: "a question names its row by ending ('末尾がd7の方です') with no quoted question; both rows are read",
    },
    "writer_s37": {
        7: "not read as labelled (since stop 60)",
        15: "not read as labelled (since stop 60)",
        19: "not read as labelled (since stop 60)",
        27: "not read as labelled (since stop 60)",
        29: "not read as labelled (since stop 60)",
        43: "not read as labelled (since stop 60)",
        45: "not read as labelled (since stop 60)",
        49: "not read as labelled (since stop 60)",
        83: "not read as labelled (since stop 60)",
        87: "not read as labelled (since stop 60)",
        93: "not read as labelled (since stop 60)",
        94: "rows marked '→ 盗難' and '→ 無事' after their values: the row marked safe is not set apart",
        114: "groups of mixed sizes typed by hand ('9A f3 01C4 e82B d765') are read in part",
        115: "not read as labelled (since stop 60)",
        142: "a question about the writer's own certificate before a move ('今すぐの手続きは不要です') leaves it out",
        143: "not read as labelled (since stop 60)",
        150: "'(2) …こちらは引き続き使います…有効期限…教えてください' asks about the kept one; the writer labels it",
        155: "not read as labelled (since stop 60)",
        156: "'My other certificate, SN …, should stay active. Could you tell me until which date…?' is labelled",
        159: "not read as labelled (since stop 60)",
        167: "not read as labelled (since stop 60)",
        190: "a request for the application copy for an internal audit is read as preparing; the writer labels it",
    },
    "writer_s38": {
        11: "not read as labelled (since stop 60)",
        13: "not read as labelled (since stop 60)",
        28: "not read as labelled (since stop 60)",
        47: "not read as labelled (since stop 60)",
        56: "not read as labelled (since stop 60)",
        57: "not read as labelled (since stop 60)",
        64: "not read as labelled (since stop 60)",
        69: "not read as labelled (since stop 60)",
        95: "not read as labelled (since stop 60)",
        113: "not read as labelled (since stop 60)",
        117: "not read as labelled (since stop 60)",
        123: "not read as labelled (since stop 60)",
        149: "not read as labelled (since stop 60)",
        151: "not read as labelled (since stop 60)",
        156: "not read as labelled (since stop 60)",
        162: "not read as labelled (since stop 60)",
        164: "not read as labelled (since stop 60)",
        166: "not read as labelled (since stop 60)",
        169: "not read as labelled (since stop 60)",
        190: "not read as labelled (since stop 60)",
    },
    "writer_s39": {
        5: "not read as labelled (since stop 61)",
        9: "not read as labelled (since stop 61)",
        19: "not read as labelled (since stop 61)",
        43: "not read as labelled (since stop 61)",
        44: "not read as labelled (since stop 61)",
        54: "not read as labelled (since stop 61)",
        57: "not read as labelled (since stop 61)",
        76: "not read as labelled (since stop 61)",
        99: "not read as labelled (since stop 61)",
        103: "not read as labelled (since stop 61)",
        104: "not read as labelled (since stop 61)",
        105: "not read as labelled (since stop 61)",
        107: "not read as labelled (since stop 61)",
        110: "not read as labelled (since stop 61)",
        133: "not read as labelled (since stop 61)",
        137: "not read as labelled (since stop 61)",
        142: "not read as labelled (since stop 61)",
        146: "not read as labelled (since stop 61)",
        153: "not read as labelled (since stop 61)",
        155: "not read as labelled (since stop 61)",
        167: "not read as labelled (since stop 61)",
        181: "not read as labelled (since stop 61)",
        185: "not read as labelled (since stop 61)",
        199: "not read as labelled (since stop 61)",
    },
    "writer_s40": {
        3: "not read as labelled (since stop 61)",
        35: "not read as labelled (since stop 61)",
        37: "not read as labelled (since stop 61)",
        49: "not read as labelled (since stop 61)",
        63: "not read as labelled (since stop 61)",
        72: "not read as labelled (since stop 61)",
        84: "not read as labelled (since stop 61)",
        102: "not read as labelled (since stop 61)",
        125: "not read as labelled (since stop 61)",
        155: "not read as labelled (since stop 61)",
        162: "not read as labelled (since stop 61)",
        163: "not read as labelled (since stop 61)",
        171: "not read as labelled (since stop 61)",
    },
    "writer_s41": {
        23: "not read as labelled (since stop 61)",
        32: "not read as labelled (since stop 61)",
        43: "not read as labelled (since stop 61)",
        46: "not read as labelled (since stop 61)",
        47: "not read as labelled (since stop 61)",
        51: "not read as labelled (since stop 61)",
        55: "not read as labelled (since stop 61)",
        59: "not read as labelled (since stop 61)",
        61: "not read as labelled (since stop 61)",
        73: "not read as labelled (since stop 61)",
        75: "not read as labelled (since stop 61)",
        83: "not read as labelled (since stop 61)",
        88: "not read as labelled (since stop 61)",
        97: "not read as labelled (since stop 61)",
        116: "not read as labelled (since stop 61)",
        137: "not read as labelled (since stop 61)",
        146: "not read as labelled (since stop 61)",
        165: "not read as labelled (since stop 61)",
        171: "not read as labelled (since stop 61)",
        195: "not read as labelled (since stop 61)",
    },
    "writer_s42": {
        15: "not read as labelled (since stop 62)",
        17: "not read as labelled (since stop 62)",
        27: "not read as labelled (since stop 62)",
        29: "not read as labelled (since stop 62)",
        38: "not read as labelled (since stop 62)",
        39: "not read as labelled (since stop 62)",
        75: "not read as labelled (since stop 62)",
        89: "not read as labelled (since stop 62)",
        103: "not read as labelled (since stop 62)",
        105: "not read as labelled (since stop 62)",
        117: "not read as labelled (since stop 62)",
    },
    "writer_s43": {
        16: "not read as labelled (since stop 62)",
        20: "not read as labelled (since stop 62)",
        23: "not read as labelled (since stop 62)",
        31: "not read as labelled (since stop 62)",
        37: "not read as labelled (since stop 62)",
        38: "not read as labelled (since stop 62)",
        47: "not read as labelled (since stop 62)",
        60: "not read as labelled (since stop 62)",
        66: "not read as labelled (since stop 62)",
        69: "not read as labelled (since stop 62)",
        111: "not read as labelled (since stop 62)",
        117: "not read as labelled (since stop 62)",
        119: "not read as labelled (since stop 62)",
        123: "not read as labelled (since stop 62)",
        130: "not read as labelled (since stop 62)",
        149: "not read as labelled (since stop 62)",
        164: "not read as labelled (since stop 62)",
        184: "not read as labelled (since stop 62)",
        187: "not read as labelled (since stop 62)",
    },
    "writer_s44": {
        15: "not read as labelled (since stop 63)",
        20: "not read as labelled (since stop 63)",
        30: "not read as labelled (since stop 63)",
        39: "not read as labelled (since stop 63)",
        44: "not read as labelled (since stop 63)",
        51: "not read as labelled (since stop 63)",
        67: "not read as labelled (since stop 63)",
        75: "not read as labelled (since stop 63)",
        77: "not read as labelled (since stop 63)",
        79: "not read as labelled (since stop 63)",
        91: "not read as labelled (since stop 63)",
        111: "not read as labelled (since stop 63)",
        115: "not read as labelled (since stop 63)",
        120: "not read as labelled (since stop 63)",
        125: "not read as labelled (since stop 63)",
        137: "not read as labelled (since stop 63)",
        143: "not read as labelled (since stop 63)",
        161: "not read as labelled (since stop 63)",
        165: "not read as labelled (since stop 63)",
        182: "not read as labelled (since stop 63)",
        184: "not read as labelled (since stop 63)",
        187: "not read as labelled (since stop 63)",
    },
    "writer_s45": {
        0: "not read as labelled (since stop 63)",
        1: "not read as labelled (since stop 63)",
        4: "not read as labelled (since stop 63)",
        11: "not read as labelled (since stop 63)",
        20: "not read as labelled (since stop 63)",
        24: "not read as labelled (since stop 63)",
        25: "not read as labelled (since stop 63)",
        29: "not read as labelled (since stop 63)",
        31: "not read as labelled (since stop 63)",
        38: "not read as labelled (since stop 63)",
        42: "not read as labelled (since stop 63)",
        46: "not read as labelled (since stop 63)",
        48: "not read as labelled (since stop 63)",
        50: "not read as labelled (since stop 63)",
        57: "not read as labelled (since stop 63)",
        58: "not read as labelled (since stop 63)",
        64: "not read as labelled (since stop 63)",
        69: "not read as labelled (since stop 63)",
        71: "not read as labelled (since stop 63)",
        72: "not read as labelled (since stop 63)",
        76: "not read as labelled (since stop 63)",
        85: "not read as labelled (since stop 63)",
        89: "not read as labelled (since stop 63)",
        96: "not read as labelled (since stop 63)",
        98: "not read as labelled (since stop 63)",
        101: "not read as labelled (since stop 63)",
        105: "not read as labelled (since stop 63)",
        108: "not read as labelled (since stop 63)",
        111: "not read as labelled (since stop 63)",
        112: "not read as labelled (since stop 63)",
        113: "not read as labelled (since stop 63)",
        117: "not read as labelled (since stop 63)",
        123: "not read as labelled (since stop 63)",
        126: "not read as labelled (since stop 63)",
        132: "not read as labelled (since stop 63)",
        136: "not read as labelled (since stop 63)",
        140: "not read as labelled (since stop 63)",
        143: "not read as labelled (since stop 63)",
        149: "not read as labelled (since stop 63)",
        172: "not read as labelled (since stop 63)",
        173: "not read as labelled (since stop 63)",
        176: "not read as labelled (since stop 63)",
        178: "not read as labelled (since stop 63)",
        189: "not read as labelled (since stop 63)",
    },
    "writer_s46": {
        6: "not read as labelled (since stop 64)",
        13: "not read as labelled (since stop 64)",
        24: "not read as labelled (since stop 64)",
        36: "not read as labelled (since stop 64)",
        42: "not read as labelled (since stop 64)",
        48: "not read as labelled (since stop 64)",
        63: "not read as labelled (since stop 64)",
        77: "not read as labelled (since stop 64)",
        91: "not read as labelled (since stop 64)",
        103: "not read as labelled (since stop 64)",
        109: "not read as labelled (since stop 64)",
        111: "not read as labelled (since stop 64)",
        131: "not read as labelled (since stop 64)",
        161: "not read as labelled (since stop 64)",
        187: "not read as labelled (since stop 64)",
        189: "not read as labelled (since stop 64)",
        192: "not read as labelled (since stop 64)",
    },
    "writer_s47": {
        9: "not read as labelled (since stop 64)",
        13: "not read as labelled (since stop 64)",
        18: "not read as labelled (since stop 64)",
        20: "not read as labelled (since stop 64)",
        21: "not read as labelled (since stop 64)",
        24: "not read as labelled (since stop 64)",
        25: "not read as labelled (since stop 64)",
        39: "not read as labelled (since stop 64)",
        45: "not read as labelled (since stop 64)",
        48: "not read as labelled (since stop 64)",
        49: "not read as labelled (since stop 64)",
        54: "not read as labelled (since stop 64)",
        63: "not read as labelled (since stop 64)",
        71: "not read as labelled (since stop 64)",
        72: "not read as labelled (since stop 64)",
        80: "not read as labelled (since stop 64)",
        84: "not read as labelled (since stop 64)",
        87: "not read as labelled (since stop 64)",
        95: "not read as labelled (since stop 64)",
        98: "not read as labelled (since stop 64)",
        99: "not read as labelled (since stop 64)",
        100: "not read as labelled (since stop 64)",
        103: "not read as labelled (since stop 64)",
        108: "not read as labelled (since stop 64)",
        118: "not read as labelled (since stop 64)",
        119: "not read as labelled (since stop 64)",
        120: "not read as labelled (since stop 64)",
        121: "not read as labelled (since stop 64)",
        124: "not read as labelled (since stop 64)",
        133: "not read as labelled (since stop 64)",
        137: "not read as labelled (since stop 64)",
        142: "not read as labelled (since stop 64)",
        149: "not read as labelled (since stop 64)",
        158: "not read as labelled (since stop 64)",
        160: "not read as labelled (since stop 64)",
        164: "not read as labelled (since stop 64)",
        167: "not read as labelled (since stop 64)",
        169: "not read as labelled (since stop 64)",
        171: "not read as labelled (since stop 64)",
        182: "not read as labelled (since stop 64)",
        186: "not read as labelled (since stop 64)",
        191: "not read as labelled (since stop 64)",
        193: "not read as labelled (since stop 64)",
    },
    "writer_s48": {
        4: "not read as labelled (since stop 65)",
        5: "not read as labelled (since stop 65)",
        8: "not read as labelled (since stop 65)",
        9: "not read as labelled (since stop 65)",
        11: "not read as labelled (since stop 65)",
        13: "not read as labelled (since stop 65)",
        15: "not read as labelled (since stop 65)",
        19: "not read as labelled (since stop 65)",
        23: "not read as labelled (since stop 65)",
        25: "not read as labelled (since stop 65)",
        39: "not read as labelled (since stop 65)",
        45: "not read as labelled (since stop 65)",
        47: "not read as labelled (since stop 65)",
        51: "not read as labelled (since stop 65)",
        53: "not read as labelled (since stop 65)",
        54: "not read as labelled (since stop 65)",
        55: "not read as labelled (since stop 65)",
        59: "not read as labelled (since stop 65)",
        60: "not read as labelled (since stop 65)",
        65: "not read as labelled (since stop 65)",
        79: "not read as labelled (since stop 65)",
        86: "not read as labelled (since stop 65)",
        103: "not read as labelled (since stop 65)",
        113: "not read as labelled (since stop 65)",
        115: "not read as labelled (since stop 65)",
        118: "not read as labelled (since stop 65)",
        119: "not read as labelled (since stop 65)",
        124: "not read as labelled (since stop 65)",
        125: "not read as labelled (since stop 65)",
        126: "not read as labelled (since stop 65)",
        137: "not read as labelled (since stop 65)",
        148: "not read as labelled (since stop 65)",
        159: "not read as labelled (since stop 65)",
        167: "not read as labelled (since stop 65)",
        170: "not read as labelled (since stop 65)",
        191: "not read as labelled (since stop 65)",
        196: "not read as labelled (since stop 65)",
    },
    "writer_s49": {
        2: "not read as labelled (since stop 65)",
        3: "not read as labelled (since stop 65)",
        4: "not read as labelled (since stop 65)",
        6: "not read as labelled (since stop 65)",
        7: "not read as labelled (since stop 65)",
        13: "not read as labelled (since stop 65)",
        15: "not read as labelled (since stop 65)",
        19: "not read as labelled (since stop 65)",
        28: "not read as labelled (since stop 65)",
        29: "not read as labelled (since stop 65)",
        32: "not read as labelled (since stop 65)",
        35: "not read as labelled (since stop 65)",
        38: "not read as labelled (since stop 65)",
        39: "not read as labelled (since stop 65)",
        46: "not read as labelled (since stop 65)",
        50: "not read as labelled (since stop 65)",
        51: "not read as labelled (since stop 65)",
        52: "not read as labelled (since stop 65)",
        55: "not read as labelled (since stop 65)",
        58: "not read as labelled (since stop 65)",
        70: "not read as labelled (since stop 65)",
        71: "not read as labelled (since stop 65)",
        75: "not read as labelled (since stop 65)",
        76: "not read as labelled (since stop 65)",
        84: "not read as labelled (since stop 65)",
        90: "not read as labelled (since stop 65)",
        91: "not read as labelled (since stop 65)",
        99: "not read as labelled (since stop 65)",
        104: "not read as labelled (since stop 65)",
        108: "not read as labelled (since stop 65)",
        109: "not read as labelled (since stop 65)",
        125: "not read as labelled (since stop 65)",
        132: "not read as labelled (since stop 65)",
        137: "not read as labelled (since stop 65)",
        147: "not read as labelled (since stop 65)",
        173: "not read as labelled (since stop 65)",
        175: "not read as labelled (since stop 65)",
        180: "not read as labelled (since stop 65)",
        183: "not read as labelled (since stop 65)",
        186: "not read as labelled (since stop 65)",
        190: "not read as labelled (since stop 65)",
        192: "not read as labelled (since stop 65)",
        195: "not read as labelled (since stop 65)",
    },
}


def _half(index: int) -> str:
    """The half an item belongs to: even positions are the fit half, odd ones the check half."""
    return "fit" if index % 2 == 0 else "check"


def _params() -> list[Any]:
    params = []
    for writer, failures in KNOWN_FAILURES.items():
        items: list[dict[str, Any]] = json.loads((DATA / f"{writer}.json").read_text("utf-8"))
        for index, item in enumerate(items):
            marks = []
            if index in failures:
                marks.append(pytest.mark.xfail(strict=True, reason=failures[index]))
            params.append(pytest.param(item, id=f"{writer}-{_half(index)}-{index:03d}", marks=marks))
    return params


@pytest.mark.parametrize("item", _params())
def test_the_serials_the_writer_asks_about(item: dict[str, Any]) -> None:
    subject, _blank, body = item["text"].partition("\n\n")
    # Serials are numbers: a leading zero a writer keeps ("0cbc87e3…") is no other serial.
    got = sorted(value.lstrip("0") for value in classify_text(body, subject=subject).serials)
    assert got == sorted(value.lstrip("0") for value in item["serials"])
