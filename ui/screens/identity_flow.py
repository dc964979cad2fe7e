"""Identification in the window: the identity screen, the card-reader bridge and card removal.

Apply goes through identification first; a card read on the home screen opens the identity
screen; taking the card out while the session holds an identity shows a short notice and
then ends the session (CARD_REMOVED), which wipes everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from config.schema import Language
from kiosk.identity import EnterpriseIdentity, EnterpriseSource
from kiosk.identity_service import IdentifiedVisitor, IdentityOutcome, IdentityService, OutcomeKind
from kiosk.session import EndReason, SessionKeeper
from ui.card_reader_bridge import CardReaderBridge
from ui.router import ScreenName, ScreenRouter
from ui.screens.identity_screen import IdentityScreen
from ui.widgets.identity_card_removed_notice import CardRemovedNotice

log = logging.getLogger(__name__)

# Screens that need to know who the resident is before they open.
NEEDS_IDENTITY = frozenset({ScreenName.APPLY})


class IdentityFlow(QObject):
    """Registers the identity screen and keeps the session in step with the card reader."""

    def __init__(
        self,
        router: ScreenRouter,
        keeper: SessionKeeper,
        language: Callable[[], Language],
        end_session: Callable[[EndReason], None],
        overlay_parent: QWidget,
        service: IdentityService | None,
    ) -> None:
        super().__init__(overlay_parent)
        self._router = router
        self._keeper = keeper
        self._end_session = end_session
        self._after_identity = ScreenName.APPLY
        # True while the identity screen shows only because a card went in on the home screen.
        self._opened_by_card = False
        self.screen = IdentityScreen(service, language)
        router.register(ScreenName.IDENTIFY, self.screen)
        self.notice = CardRemovedNotice(overlay_parent)
        self.notice.finished.connect(lambda: self._end_session(EndReason.CARD_REMOVED))
        self.screen.identified.connect(self._on_identified)
        self.screen.callStaffRequested.connect(lambda: router.go(ScreenName.CALL_STAFF))
        self.bridge: CardReaderBridge | None = None
        if service is not None:
            self.bridge = CardReaderBridge(service, self)
            self.bridge.outcome.connect(self.screen.handle_outcome)
            self.bridge.outcome.connect(self._on_outcome)
            self.bridge.start()

    def go(self, name: ScreenName) -> None:
        """Show ``name``, through the identity screen first if it needs an identity."""
        if name in NEEDS_IDENTITY and self._keeper.current.identity is None:
            self._after_identity = name
            self._router.go(ScreenName.IDENTIFY)
        else:
            self._router.go(name)

    def _on_identified(self, visitor: IdentifiedVisitor) -> None:
        session = self._keeper.current
        session.identity = visitor.identity
        session.set_enterprise(
            EnterpriseIdentity(
                visitor.credit_code, source=EnterpriseSource(visitor.credit_code_source)
            )
            if visitor.credit_code
            else None
        )
        self._router.go(self._after_identity)

    def _on_outcome(self, outcome: IdentityOutcome) -> None:
        at_home = self._router.current() is ScreenName.ATTRACT
        if outcome.kind is OutcomeKind.IDENTIFIED:
            # The card is the session's now: its removal ends the visit.
            self._keeper.current.identity = outcome.identity
            if at_home:
                self._router.go(ScreenName.IDENTIFY)
        elif outcome.kind is OutcomeKind.READING and at_home:
            self._opened_by_card = True
            self._router.go(ScreenName.IDENTIFY)
        elif (
            outcome.staff_card
            and self._opened_by_card
            and self._router.current() is ScreenName.IDENTIFY
        ):
            # A staff card put in on the home screen is a staff member about to sign in (or a
            # technician), not a resident arriving: home again, no resident's error in the way.
            log.info("staff card in the identity reader on the home screen: back home")
            self._router.home()
        elif outcome.kind is OutcomeKind.CARD_REMOVED and self._keeper.current.identity is not None:
            log.info("card removed during a session")
            self.notice.open()
        if outcome.kind is not OutcomeKind.READING:
            self._opened_by_card = False  # the read that opened the screen has its answer

    def after_wipe(self) -> None:
        """The session was wiped: no notice left over."""
        self.notice.cancel()

    def shutdown(self) -> None:
        """Stop the reader worker (process exit, tests)."""
        if self.bridge is not None:
            self.bridge.stop()
