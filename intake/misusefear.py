"""The writer fears that someone else could use their key: the reason they give for stopping it.

A writer who asks to stop a certificate often tells no loss or theft in the words the ``compromise``
rule reads, but says why they are afraid: someone else may have used it or could use it ("誰かが私の
PCを使ったのかもしれません", "買った人が使えてしまうのでは", "悪用されないか不安なので"), or it may be in
hands they do not know ("誰かが持っていったのか分かりません", "the buyer could still sign with it", "it may
have fallen into the wrong hands").  Such a revocation is asked because the key may be in another's
hands, which is what an emergency revocation is for; the classifier (:mod:`intake.classify`) makes
one of it when a revocation or a request goes with the fear.  A question alone ("悪用されることは
ありますか") asks nothing and is left to the other rules.
"""

from __future__ import annotations

import re

from intake.rules import Rule

_I = re.IGNORECASE | re.DOTALL

# Someone other than the writer, in Japanese: anyone, a stranger, whoever bought or found the device.
_OTHER_JA = (
    r"(?:誰か|だれか|何者か|他人|第三者|知らない人|見知らぬ人|部外者|買った人|購入者|拾った人|拾い主|相手|その人"
    r"|元社員|前任者)"
)
# Using, signing with or taking the key or its device away.
_USE_JA = (
    r"(?:使った|使って|使える|使えて|使われ|使う|使用し|使用でき|利用し|利用でき|署名し|署名でき"
    r"|持って(?:い|行)った|持ち出)"
)
# Told as a fear or a doubt, not as a fact ("…のかもしれません", "…のでは", "…可能性", "…のか分かりません").
_DOUBT_JA = (
    r"(?:かも|のでは|んじゃ|可能性|おそれ|恐れ|心配|不安|怖|こわ"
    r"|のか(?:は|も)?(?:分かり|わかり|わから|分から|不明))"
)

_JA = (
    # Not a fear denied ("誰かに使われる心配はないと思いますが").
    _OTHER_JA + r"(?:が|に|でも)[^。\n]{0,25}?" + _USE_JA + r"[^。\n]{0,12}?" + _DOUBT_JA
    + r"(?!(?:は|も)(?:ない|無い|なく|ありません|ございません))",
    # The key misused, told as a fear ("悪用されないか不安", "悪用されるおそれ", "悪用されたら困る").
    r"悪用(?:されないか|される(?:かも|おそれ|恐れ|可能性|のでは|と困)|されたら|の(?:おそれ|恐れ|可能性|心配|危険))"
    r"|不正(?:に)?(?:利用|使用)(?:されないか|される(?:かも|おそれ|恐れ|可能性|のでは)|されたら|の(?:おそれ|恐れ|可能性|心配|危険))",
    # Usable by someone else against the writer's will ("使えてしまう", "署名できてしまう").
    r"(?:使えて|使われて|署名できて|利用できて)しま(?:う|います|うのでは|うかも)",
)

_EN = (
    # Someone else could or might use the key ("the buyer could still sign with it").
    r"\b(?:someone|somebody|anyone|anybody|others|strangers?|the (?:buyer|finder|new owner|person who \w+ it)"
    r"|(?:he|she|they) (?:still )?(?:has|have|had|holds?|knows?)"
    # A leaver or a former helper ("my former assistant could still sign with it").
    r"|(?:former|ex-?|previous|old) (?:\w+ )?(?:assistant|secretary|employee|colleague|partner|staff|clerk|member))"
    r"\b[^.!?\n]{0,40}?"
    r"\b(?:could|can|might|may|would|will be able to)\b (?:still |now |easily |then )?"
    r"(?:use|access|sign|misuse|abuse|open)\b",
    # Misuse feared, or the key in hands the writer does not know.
    r"\b(?:could|might|may|will|would) be (?:misused|abused|used by (?:someone|somebody|others|strangers))\b"
    r"|\b(?:afraid|worried|scared|concerned|fear)\b[^.!?\n]{0,40}?\b(?:misuse|abuse|misused|abused|fraud)\b"
    r"|\bwrong hands\b",
    # A leak the writer is unsure of ("not sure if this is a leak").
    r"\bnot sure (?:if|whether) (?:this|it|that) (?:is|was|counts as) (?:a )?(?:leak|compromise|breach)\b",
)

MISUSE_FEARED = Rule("misuse_feared", tuple(re.compile(p, _I) for p in (*_JA, *_EN)))
