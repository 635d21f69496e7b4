"""Standing footers and notices that a mail carries whatever its writer asks: read by no intent rule.

Mail from companies and phones ends with text its writer did not write for us: a confidentiality
notice ("本メールおよび添付ファイルには機密情報が含まれて…直ちに削除してください", "If you are not the
intended recipient … delete it immediately"), a virus-check line ("※このメールは送信前にウイルス
チェックを行っております。万一ウイルス感染・情報漏洩の疑いがある場合は…"), a carrier's or a shop's
advertisement ("【携帯電話の紛失・盗難時は】お客様センター 0120-…", "ご葬儀・ご逝去後の手続きのご相談は
24時間受付"), and under a reply our own notice's standing instruction ("※利用者秘密鍵の紛失・漏洩・盗難等が
判明した場合は、直ちにFAXにて緊急失効をご請求ください").  Such a line names a loss, a leak, a virus, a
death or "immediately" and reports none of them: read by the rules it made an ordinary revocation
or a question an emergency.  The intent rules (:mod:`intake.classify`) read the mail without these
lines, and say so in a reason.

Each pattern matches one whole line (a paragraph for the English notices, which run over several
lines); what a writer types in their own sentences ("ウイルスに感染しました") is never such a line.
"""

from __future__ import annotations

import re

# A line that speaks of this mail itself ("このメールは", "本メールおよび添付ファイル") and of what a
# footer says of it: a virus check, confidential contents, a wrong recipient, deletion.
_THIS_MAIL_JA = r"(?:この|本|当)(?:電子)?(?:メール|メッセージ|e-?mail)"
_FOOTER_WORDS_JA = (
    r"(?:ウイルス|ウィルス|機密|秘密情報|宛先以外|誤って(?:受信|届)|誤送信|削除して|破棄して"
    r"|無断(?:で|の)(?:複製|転送|開示|使用))"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a notice about this mail (virus check, confidentiality)",
        re.compile(
            r"^[^\n]*" + _THIS_MAIL_JA + r"[^\n]*" + _FOOTER_WORDS_JA + r"[^\n]*$"
            r"|^[^\n]*" + _FOOTER_WORDS_JA + r"[^\n]*" + _THIS_MAIL_JA + r"[^\n]*$"
            # "※送信前にウイルスチェックを行っております" without "this mail".
            r"|^[\s※*]*[^\n]{0,20}?(?:ウイルス|ウィルス)(?:チェック|スキャン|検査)(?:を行って|済|を実施|しており)[^\n]*$",
            re.M,
        ),
    ),
    (
        "a confidentiality or virus notice in English",
        re.compile(
            r"^[^\n]*\b(?:CONFIDENTIALITY|DISCLAIMER|PRIVILEGED)\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*"
            r"|^[^\n]*\b(?:this|the) (?:e-?mail|message)\b[^\n]*\b(?:intended recipient|confidential|virus(?:es)?"
            r"|scanned)\b[^\n]*$"
            r"|^[^\n]*\bif you (?:are not|have received)\b[^\n]*\b(?:intended recipient|in error)\b[^\n]*$",
            re.I | re.M,
        ),
    ),
    (
        "an advertisement of a carrier or another business in a signature",
        re.compile(
            # "【携帯電話の紛失・盗難時は】お客様センター 0120-000-111 で回線停止を受付中".
            r"^[^\n]*(?:紛失|盗難)(?:[・/、](?:紛失|盗難|故障))*(?:時|の際|のとき)(?:は|には|の)[^\n]*"
            r"(?:0120|0800|センター|ダイヤル|窓口|受付|受け付け)[^\n]*$"
            # "ご葬儀・ご逝去後の手続きのご相談は24時間受付" (a funeral home's signature).
            r"|^[^\n]*(?:ご葬儀|ご逝去|葬祭|典礼)[^\n]*(?:ご相談|24時間|承り|受付)[^\n]*$",
            re.M,
        ),
    ),
    (
        "a standing instruction of a notice (what to do if something happens)",
        re.compile(
            # "> ※利用者秘密鍵の紛失・漏洩・盗難等が判明した場合は、直ちにFAXにて緊急失効をご請求ください。"
            r"^[>\s]*[※*][^\n]*(?:場合|際|とき)(?:は|には)[^\n]*(?:ください|下さい|願います)[^\n]*$",
            re.M,
        ),
    ),
)


def footer_lines(text: str) -> list[tuple[str, str]]:
    """The footer lines of *text*, each with what kind of footer it is, in order."""
    found: list[tuple[int, str, str]] = []
    for kind, pattern in _PATTERNS:
        found += [(m.start(), kind, m.group(0).strip()) for m in pattern.finditer(text) if m.group(0).strip()]
    return [(kind, line) for _start, kind, line in sorted(found)]


def without_footers(text: str) -> str:
    """*text* with its footer lines emptied (the line breaks stay, so lines keep their places)."""
    for _kind, pattern in _PATTERNS:
        text = pattern.sub("", text)
    return text
