"""The settings schema of a whole terminal: one pydantic model, validated before anything starts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator


class _Strict(BaseModel):
    """Unknown keys are errors: a typo in a config file must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(StrEnum):
    """Languages the resident can choose."""

    ZH = "zh"
    EN = "en"


class TerminalSettings(_Strict):
    """Who this terminal is: the id the platform knows it by, and where it stands."""

    id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{3,31}$")]
    name: Annotated[str, Field(min_length=1, max_length=64)]
    hall: Annotated[str, Field(min_length=1, max_length=64)]
    division_code: Annotated[str, Field(pattern=r"^5107\d{2}(\d{3})?$")] = "510700"


class UiSettings(_Strict):
    """Defaults every new session starts from."""

    default_language: Language = Language.ZH
    large_text_default: bool = False
    voice_guidance: bool = True
    # QtTextToSpeech lists Mandarin voices under the C locale, so voices are chosen by name.
    voice_zh: str = "Chinese (Mandarin)"
    voice_en: str = "English"
    fullscreen: bool = True


class SessionSettings(_Strict):
    """Idle handling: after idle_timeout_s without a touch the countdown shows for countdown_s."""

    idle_timeout_s: Annotated[int, Field(ge=15, le=1800)] = 90
    countdown_s: Annotated[int, Field(ge=5, le=120)] = 30


class PcscReaderSettings(_Strict):
    """A PC/SC reader (social security cards, staff PIV cards)."""

    backend: Literal["pcsc"]
    # Substring of the PC/SC reader name; empty means any reader.
    reader_name: str = ""


class SamSerialReaderSettings(_Strict):
    """A resident ID card SAM reader speaking the GA 467 frame protocol over a serial port."""

    backend: Literal["sam_serial"]
    port: Annotated[str, Field(min_length=1)]
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 115200
    timeout_s: Annotated[float, Field(gt=0, le=10)] = 2.0


class SimulatedReaderSettings(_Strict):
    """Demo mode: a simulated card reader with built-in test identities."""

    backend: Literal["simulated"]


CardReaderSettings = Annotated[
    PcscReaderSettings | SamSerialReaderSettings | SimulatedReaderSettings,
    Field(discriminator="backend"),
]


class SaneScannerSettings(_Strict):
    """A SANE scanner (flatbed or document feeder)."""

    backend: Literal["sane"]
    device: str = ""  # SANE device name such as "test:0"; empty means the first found
    resolution_dpi: Annotated[int, Field(ge=75, le=1200)] = 300
    mode: Literal["color", "gray"] = "color"
    source: Literal["flatbed", "adf", "adf_duplex"] = "flatbed"


class CameraScannerSettings(_Strict):
    """An overhead document camera (高拍仪) read through OpenCV."""

    backend: Literal["camera"]
    device: str | int = 0  # camera index, device path or video file
    width: Annotated[int, Field(ge=320, le=7680)] = 1920
    height: Annotated[int, Field(ge=240, le=4320)] = 1080
    fps: Annotated[int, Field(ge=1, le=60)] = 15
    # Millimetres of the platen one frame pixel covers at this resolution (`kiosk imaging
    # calibrate` measures it on an A4 sheet); set, it tells A4 from A5 by real size. None: page
    # sizes are told by their proportions only (an A5 page reads as A4).
    mm_per_pixel: Annotated[float, Field(gt=0, le=10)] | None = None


class SimulatedScannerSettings(_Strict):
    """Demo mode: pages come from a folder of images or a video file."""

    backend: Literal["simulated"]
    source: Path | None = None  # None: the bundled sample pages


ScannerSettings = Annotated[
    SaneScannerSettings | CameraScannerSettings | SimulatedScannerSettings,
    Field(discriminator="backend"),
]


class _PrinterCommon(_Strict):
    """What differs between receipt printers, whatever the transport."""

    encoding: Literal["gb18030", "gbk", "utf-8"] = "gb18030"
    chinese_mode_commands: bool = True  # send FS & / FS . around Chinese text
    paper_width_mm: Literal[58, 80] = 80
    chars_per_line: Annotated[int, Field(ge=24, le=64)] = 48
    native_qr: bool = True
    cutter: bool = True
    status_queries: bool = True
    timeout_s: Annotated[float, Field(gt=0, le=30)] = 5.0


class UsbPrinterSettings(_PrinterCommon):
    """A USB receipt printer, by vendor and product id."""

    backend: Literal["usb"]
    vendor_id: Annotated[int, Field(ge=0, le=0xFFFF)]
    product_id: Annotated[int, Field(ge=0, le=0xFFFF)]


class SerialPrinterSettings(_PrinterCommon):
    """A receipt printer on a serial port."""

    backend: Literal["serial"]
    port: Annotated[str, Field(min_length=1)]
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 9600


class NetworkPrinterSettings(_PrinterCommon):
    """A receipt printer on raw TCP (port 9100)."""

    backend: Literal["network"]
    host: Annotated[str, Field(min_length=1)]
    port: Annotated[int, Field(ge=1, le=65535)] = 9100


class FilePrinterSettings(_PrinterCommon):
    """A receipt printer behind a device file such as /dev/usb/lp0."""

    backend: Literal["file"]
    path: Path


class SimulatedPrinterSettings(_PrinterCommon):
    """Demo mode: receipts are rendered but not sent to paper."""

    backend: Literal["simulated"]


PrinterSettings = Annotated[
    UsbPrinterSettings
    | SerialPrinterSettings
    | NetworkPrinterSettings
    | FilePrinterSettings
    | SimulatedPrinterSettings,
    Field(discriminator="backend"),
]


class NmeaGpsSettings(_Strict):
    """A GPS receiver sending NMEA 0183 sentences ($GPRMC/$GPGGA) on a serial port."""

    backend: Literal["nmea_serial"] = "nmea_serial"
    port: Annotated[str, Field(min_length=1)]
    baudrate: Literal[4800, 9600, 19200, 38400, 57600, 115200] = 9600
    # A fix older than this is not where the unit is now: the place name stands in.
    max_fix_age_s: Annotated[float, Field(ge=5, le=86400)] = 300.0


class DeviceSettings(_Strict):
    """The devices of this terminal."""

    card_readers: list[CardReaderSettings] = Field(default_factory=list)
    scanners: list[ScannerSettings] = Field(default_factory=list)
    printer: PrinterSettings | None = None
    # host[:port] of network receipt printers that device discovery asks for an ESC/POS status;
    # discovery contacts only these, it never scans a network.
    network_printer_candidates: list[
        Annotated[str, Field(pattern=r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$")]
    ] = Field(default_factory=list)
    gps: NmeaGpsSettings | None = None  # mobile service units: where each application was made


class PlatformSettings(_Strict):
    """How to reach the central platform. TLS verification cannot be turned off, only pointed."""

    url: HttpUrl  # base address; the API lives under <url>/api/v1/
    ca_file: Path | None = None  # None: the system trust store
    connect_timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0
    read_timeout_s: Annotated[float, Field(gt=0, le=300)] = 20.0
    # Demo mode starts the reference platform server on loopback.
    start_reference_server: bool = False


class SyncSettings(_Strict):
    """The sync engine: upload chunk size, backoff, how often to poll and report."""

    chunk_bytes: Annotated[int, Field(ge=64 * 1024, le=16 * 1024 * 1024)] = 1024 * 1024
    backoff_base_s: Annotated[float, Field(gt=0, le=60)] = 1.0
    backoff_cap_s: Annotated[float, Field(gt=0, le=3600)] = 300.0
    idle_poll_s: Annotated[float, Field(gt=0, le=3600)] = 30.0
    status_interval_s: Annotated[float, Field(gt=0, le=86400)] = 300.0
    heartbeat_interval_s: Annotated[float, Field(gt=0, le=3600)] = 60.0
    max_answer_bytes: Annotated[int, Field(ge=64 * 1024, le=256 * 1024 * 1024)] = 1024 * 1024
    # Attachments uploaded at once (one application's, and the next one's while it is submitted).
    upload_parallelism: Annotated[int, Field(ge=1, le=8)] = 3
    catalog_interval_s: Annotated[float, Field(gt=0, le=86400)] = 3600.0
    # How long the receipt step waits for a new application to reach the platform (0: never).
    receipt_wait_s: Annotated[float, Field(ge=0, le=30)] = 5.0
    # Jittered reconnect: after this many platform failures in a row, a health probe first,
    # then the backlog waits a random share of the outage's length, at most
    # reconnect_spread_max_s (0: off).
    reconnect_after_failures: Annotated[int, Field(ge=1, le=100)] = 5
    reconnect_spread_max_s: Annotated[float, Field(ge=0, le=86400)] = 1800.0


class StorageSettings(_Strict):
    """Where data and keys live, and how long personal data is kept after the platform confirms."""

    data_dir: Path
    key_file: Path
    secrets_file: Path
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 30

    @model_validator(mode="after")
    def _key_outside_data(self) -> StorageSettings:
        data = self.data_dir.expanduser()
        for name, path in (("key_file", self.key_file), ("secrets_file", self.secrets_file)):
            if path.expanduser().is_relative_to(data):
                raise ValueError(
                    f"{name} must lie outside data_dir, so a copy of the data has no key"
                )
        return self


class LoggingSettings(_Strict):
    """JSON-lines logging; the file is rotated by size."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: Path | None = None
    max_bytes: Annotated[int, Field(ge=64 * 1024, le=1024**3)] = 10 * 1024 * 1024
    backup_count: Annotated[int, Field(ge=1, le=100)] = 5


class MobileSettings(_Strict):
    """Mobile service units: staff-assisted applications, where the unit serves, offline banner."""

    # A field staff member signs in with a staff card for a shift; applications record both.
    assisted: bool = False
    shift_timeout_s: Annotated[int, Field(ge=600, le=86400)] = 12 * 3600
    place_name: Annotated[str, Field(max_length=64)] = ""  # e.g. 游仙区魏城镇 便民服务车
    # "Offline since …, N applications waiting" once the platform was not reached for this long.
    offline_banner: bool = False
    offline_after_s: Annotated[int, Field(ge=60, le=86400)] = 900


class StaffCardSettings(_Strict):
    """Staff and technician PIV cards: which CA issues them (no CA: staff cards are refused)."""

    # PEM file of the staff CA certificate(s); a card's certificate must be issued by one of them.
    ca_file: Path | None = None


class ProvisioningSettings(_Strict):
    """QR provisioning: the platform's Ed25519 public key, set at install (base64, 32 bytes)."""

    public_key: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/_-]{43}=?$")] | None = None


class KioskSettings(_Strict):
    """Everything a terminal is configured with (secrets live in their own file)."""

    profile: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,31}$")]
    terminal: TerminalSettings
    ui: UiSettings = UiSettings()
    session: SessionSettings = SessionSettings()
    devices: DeviceSettings = DeviceSettings()
    platform: PlatformSettings
    sync: SyncSettings = SyncSettings()
    storage: StorageSettings
    logging: LoggingSettings = LoggingSettings()
    mobile: MobileSettings = MobileSettings()
    staff_card: StaffCardSettings = StaffCardSettings()
    provisioning: ProvisioningSettings = ProvisioningSettings()
