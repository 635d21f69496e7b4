"""Serials of certificates the CA does not issue: a mail about another product asks nothing of ours.

The CA issues personal e-signature (S/MIME) certificates.  A writer who asks to revoke a web
server's SSL certificate ("SSLサーバ証明書の失効について … 旧証明書のシリアルは 0A:3F:… です"), a
commercial-registration certificate of the Legal Affairs Bureau ("商業登記電子証明書 … 証明書の番号は
8AB0… です") or one that Let's Encrypt issued names that certificate's serial: no certificate of
ours has it, and acting on it would open a revocation for nothing.  The other product is read in
the intent rules' words (:data:`intake.rules.OTHER_PRODUCT`).

A serial is left out when the mail names another product and

* the serial's own sentence names that product, and not our kind of certificate; or
* its sentence names neither, and the mail names our kind of certificate nowhere.

Words of our kind inside the other product's own name ("マイナンバーカードの署名用電子証明書")
name that product's certificate, not ours.
A serial whose sentence names our kind ("電子署名用の証明書（シリアル …）も同じPCに入っていました")
stays, and so does one in a neutral sentence of a mail that names our kind elsewhere: the writer
may have two certificates, and the register check and the operator decide.
"""

from __future__ import annotations

import re

from intake import rules, sentences
from intake.spelling import fold, join_spaced

# Words that name our kind of certificate: the CA by its name or as "you" ("御社の証明書", "your
# certificate", in the intent rules' :data:`intake.rules.OURS_NAMED`), or the kind itself: one to
# sign with or to secure mail ("電子署名用", "S/MIME", "e-signature"), a person's own.
_OURS_KIND = re.compile(
    r"iPROVE|S/?MIME|電子署名|署名用|メール(?:の)?(?:署名|暗号)|個人(?:用|の)(?:電子)?証明書"
    r"|\be-?signature\b|\bsigning\s+(?:certificate|cert)s?\b|\bpersonal\s+(?:certificate|cert)s?\b"
    r"|\b(?:e-?mail|smime)\s+(?:certificate|cert)s?\b",
    re.I,
)
# Of the other products the intent rules name, those with serials of their own: another kind of
# certificate or card, or another issuer.  A gym, a newspaper or a receipt has none, and a mail that
# names one beside a serial ("laptop stolen from gym locker") still names a certificate of ours.
_CERTIFICATE_LIKE = re.compile(
    r"証明書|登記|法務局|カード|マイナンバー|JPKI|公的個人認証|電子入札|JACIC"
    r"|GlobalSign|グローバルサイン|DigiCert|デジサート|Let'?s\s?Encrypt|Sectigo|セクティゴ|comodo"
    r"|\bcertificates?\b|\bcards?\b|\bregist(?:ry|ration)\b",
    re.I,
)


# The rest of another product's name, up to the certificate it names: "マイナンバーカードの署名用電子証明書"
# is the card's signing certificate, not one of ours, though "署名用" names our kind elsewhere.  The name
# ends at a joiner: in "マイナンバーカードとiPROVEの証明書" the certificate named is ours.
_REST_OF_NAME = re.compile(r"[^。\n、,.!?！？とや]{0,12}?証明書")


def _without_other_names(text: str) -> str:
    """*text* with each name of another product blanked, up to the certificate it goes on to name."""
    folded = fold(join_spaced(text))
    for found in rules.OTHER_PRODUCT.check(folded):
        words = rules.reason_words(found)
        if not words or not _CERTIFICATE_LIKE.search(words):
            continue
        at = folded.find(words)
        while at >= 0:
            rest = _REST_OF_NAME.match(folded, at + len(words))
            end = rest.end() if rest else at + len(words)
            folded = folded[:at] + " " * (end - at) + folded[end:]
            at = folded.find(words, end)
    return folded


def _ours_named(text: str) -> bool:
    """Tell whether *text* names our kind of certificate (see :data:`_OURS_KIND`), not in another product's name."""
    rest = _without_other_names(text)
    return bool(_OURS_KIND.search(rest) or rules.OURS_NAMED.check(rest))


# The My Number itself, written out ("マイナンバー（3021 8847 5519）が必要なら書きます"): a person's number, not the
# card or its certificates.
_MY_NUMBER_ITSELF = re.compile(r"マイナンバー(?=\s*(?:[(（:：]|は|を|が)?\s*[0-9０-９]{4})")


def _other_product(text: str) -> str:
    """The words in *text* that name a certificate or card the CA does not issue, or ""."""
    for found in rules.OTHER_PRODUCT.check(fold(join_spaced(_MY_NUMBER_ITSELF.sub(" ", text)))):
        words = rules.reason_words(found)
        if _CERTIFICATE_LIKE.search(words):
            return words
    return ""


def other_products(norm: str, spans: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The serials at *spans* in *norm* that belong to another product, each with the reason.

    See the module docstring for when a serial is read as another product's.
    """
    product = _other_product(norm)
    if not product:
        return {}
    ours_anywhere = _ours_named(norm)
    found: dict[str, str] = {}
    for value, span in spans.items():
        sentence = sentences.around(norm, span)
        if _ours_named(sentence):
            continue
        own = _other_product(sentence)
        if own:
            found[value] = f"its sentence names a product the CA does not issue ({own})"
        elif not ours_anywhere:
            found[value] = f"the mail is about a product the CA does not issue ({product})"
    return found
