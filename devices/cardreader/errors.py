"""What can go wrong reading a card, each with a message a resident can act on (zh and en)."""

from __future__ import annotations


class CardError(Exception):
    """A card could not be read. ``message_zh``/``message_en`` are safe to show and to log."""

    message_zh = "读卡失败，请取出卡片后重试"
    message_en = "The card could not be read. Remove it and try again."

    def __init__(self, detail: str = "") -> None:
        # `detail` is technical (status words, lengths), never personal data.
        super().__init__(detail or self.message_en)
        self.detail = detail


class UnsupportedCard(CardError):
    """The card answers, but none of our profiles knows it."""

    message_zh = "不支持此卡片，请使用社保卡或身份证"
    message_en = "This card is not supported. Please use a social security card or ID card."


class StaffCardInResidentReader(UnsupportedCard):
    """A staff (PIV) card in a reader that reads residents' cards: not a resident's document."""

    message_zh = "这是工作人员卡，请插入办事群众的卡片"
    message_en = "This is a staff card. Please insert the resident's card."


class CardDataError(CardError):
    """The card answered with data that does not follow its specification."""

    message_zh = "卡片数据无法识别，请取出卡片后重试或联系工作人员"
    message_en = "The card's data could not be understood. Remove it and try again, or ask staff."


class CardStatusError(CardError):
    """The card refused a command with a status word we do not expect."""

    def __init__(self, command: str, sw: int) -> None:
        super().__init__(f"{command} failed with status word {sw:04X}")
        self.command = command
        self.sw = sw


class CardRemoved(CardError):
    """The card left the reader during the read."""

    message_zh = "卡片已被取出，请重新插入卡片"
    message_en = "The card was removed. Please insert it again."


class CardTimeout(CardError):
    """The card (or reader) did not answer in time."""

    message_zh = "卡片响应超时，请取出卡片后重试"
    message_en = "The card did not answer in time. Remove it and try again."


class ReaderUnavailable(CardError):
    """No reader, or the reader service is not running."""

    message_zh = "读卡器不可用，请联系工作人员"
    message_en = "The card reader is not available. Please call staff."


class PinRequired(CardError):
    """The card needs a PIN and none was given (the holder cancelled)."""

    message_zh = "需要输入卡片密码"
    message_en = "This card needs its PIN."


class WrongPin(CardError):
    """The PIN was wrong; ``retries_left`` tries remain before the card blocks."""

    def __init__(self, retries_left: int) -> None:
        super().__init__(f"wrong PIN, {retries_left} tries left")
        self.retries_left = retries_left
        self.message_zh = f"密码错误，还可以尝试 {retries_left} 次"
        self.message_en = f"Wrong PIN. {retries_left} tries left."


class PinBlocked(CardError):
    """The PIN is blocked: the card can no longer be used here."""

    message_zh = "卡片密码已锁定，请联系发卡单位"
    message_en = "The card's PIN is blocked. Please contact the card issuer."


class CardAuthenticationFailed(CardError):
    """The card could not prove it holds the key of its certificate: possibly a forged card."""

    message_zh = "卡片验证失败，请联系工作人员"
    message_en = "The card failed verification. Please call staff."
