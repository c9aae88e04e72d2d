"""Writing files without damage: atomic replacement, and edited text written back faithfully.

Two jobs, both for the command line:

* :func:`write_atomic` writes a whole file through a temporary file in the same
  folder and a rename, so an interrupted run never leaves half a file.  It writes
  through a symlink to its target, keeps the target's mode, refuses a read-only
  file, names the user's path (never the temporary one) in every error, and
  removes temporary files of its own pattern left behind by a killed run.
* :func:`read_original` and :func:`rewrite` let ``lint --fix`` and ``repair
  --in-place`` change a few lines of a README and keep everything else byte for
  byte: the encoding (UTF-8, UTF-16, UTF-32), the byte-order mark, each line's own
  ending (LF, CRLF, lone CR, mixed) and bytes that are not valid UTF-8 on lines
  that are not changed.  A change that cannot be written back faithfully raises
  :class:`WriteError` and the file is left alone.

File names are shown with :func:`display_path`: bytes that are not UTF-8 become
``\\xff`` escapes and control characters are escaped, so a name can neither break
a UTF-8 output nor inject a line into a terminal or a CI log.

>>> original = read_original_bytes(b"# T\\r\\n- [P](arxiv.org/abs/1)\\r\\n", "r.md")
>>> original.text
'# T\\n- [P](arxiv.org/abs/1)\\n'
>>> rewrite(original, "# T\\n- [P](https://arxiv.org/abs/1)\\n")
b'# T\\r\\n- [P](https://arxiv.org/abs/1)\\r\\n'
>>> display_path("a\\udcff.md"), display_path("x\\n::error::y.md")
('a\\\\xff.md', 'x\\\\n::error::y.md')
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

import attrs

from .errors import AwesomeParseError, Diagnostic
from .reading import decode, read_bytes

__all__ = [
    "Original",
    "WriteError",
    "display_path",
    "escape_controls",
    "read_original",
    "read_original_bytes",
    "remove_stale_temporaries",
    "rewrite",
    "write_atomic",
]


class WriteError(AwesomeParseError):
    """A file could not be written (or written back faithfully); the message names the user's path."""

    def __init__(self, path: str | None, problem: str) -> None:
        super().__init__(f"{display_path(path) if path else '<output>'}: {problem}")
        self.path = path


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def escape_controls(text: str) -> str:
    """``text`` with control and bidi characters escaped (``\\n``, ``\\x1b``, ``\\u202e``), for one output line.

    >>> escape_controls("a\\x1b[31mb\\nc")
    'a\\\\x1b[31mb\\\\nc'
    """
    return _UNSAFE.sub(lambda m: _escape_char(m.group()), text) if _UNSAFE.search(text) else text


def display_path(name: str | os.PathLike[str]) -> str:
    """A file name as shown in messages and records: valid UTF-8, one line, no control characters.

    The name is the one the operating system gave (``os.fsdecode``); bytes that are
    not UTF-8 (held as lone surrogates by Python) are written ``\\xNN``, control and
    bidi characters ``\\n``, ``\\x1b``, ``\\u202e``.  Ordinary names are unchanged.

    >>> display_path("docs/README.md")
    'docs/README.md'
    >>> display_path("evil\\u202eman.md")
    'evil\\\\u202eman.md'
    """
    text = os.fsdecode(name)
    if not text.isascii():
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return escape_controls(text)


# ---------------------------------------------------------------------------------------------
# Atomic writes

#: Temporary files are named ``.<target>.<pid>.<random>.awesome-parse.tmp``.
_TMP_SUFFIX = ".awesome-parse.tmp"


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_stale_temporaries(target: Path) -> int:
    """Remove temporary files of ``target`` left by a run that was killed; returns how many.

    Only files of this module's own pattern whose writing process is gone are removed.
    """
    removed = 0
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent if str(target.parent) else "."):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
                continue
            pid_text = name[len(prefix) :].split(".", 1)[0]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid == os.getpid() or _alive(pid):
                continue  # being written right now
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _problem(exc: OSError, what: str) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{what}: {reason}"


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` via a temporary file and a rename.

    A symlink is written through to its target; an existing file keeps its mode;
    a read-only file is refused; special files (``/dev/null``, ``/dev/stdout``) are
    written directly.  Raises :class:`WriteError` naming ``path``.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "o.txt"
    >>> write_atomic(out, "hi\\n"); out.read_text()
    'hi\\n'
    """
    name = os.fspath(path)
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(name, _problem(exc, "cannot write")) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(name, "is a directory")
        try:
            with open(target, "wb") as special:  # /dev/null, /dev/stdout: no rename possible
                special.write(payload)
        except OSError as exc:
            raise WriteError(name, _problem(exc, "cannot write")) from None
        return
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
        if not mode & 0o222 or not os.access(target, os.W_OK):  # no write bit: read-only even for root
            raise WriteError(name, "file is read-only; not rewritten")
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    directory = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(target), suffix=_TMP_SUFFIX, dir=directory)
    except FileNotFoundError:
        raise WriteError(name, f"cannot write: folder {display_path(directory)} does not exist") from None
    except OSError as exc:
        raise WriteError(name, _problem(exc, f"cannot write in folder {display_path(directory)}")) from None
    try:
        try:
            os.chmod(tmp, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise WriteError(name, _problem(exc, "cannot write")) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------------------------------------
# Faithful write-back

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_LINE = re.compile(r"\r\n|\r|\n")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")


@attrs.frozen
class Original:
    """A file as read for rewriting: its bytes, and its lines as they are and as the reader shows them."""

    path: str | None
    data: bytes
    encoding: str
    bom: bytes
    #: each line's exact text (bytes that are not UTF-8 held as surrogate escapes)
    raw: tuple[str, ...]
    #: each line's own ending ("\\n", "\\r\\n", "\\r", or "" for the last)
    endings: tuple[str, ...]
    #: the decoded text, as :func:`awesome_parse.reading.decode` gives it (LF endings)
    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


def read_original_bytes(data: bytes, path: str | None = None, *, label: str | None = None) -> Original:
    """Split ``data`` for :func:`rewrite`; raises :class:`~awesome_parse.errors.InputError` if not text.

    ``label`` names the file in diagnostics (default: :func:`display_path` of ``path``).
    """
    source = decode(data, label if label is not None else (display_path(path) if path else None))
    bom, codec = b"", "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, codec = mark, name
            break
    body = data[len(bom) :].decode(codec, "surrogateescape" if codec == "utf-8" else "strict")
    raw: list[str] = []
    endings: list[str] = []
    start = 0
    for m in _LINE.finditer(body):
        raw.append(body[start : m.start()])
        endings.append(m.group())
        start = m.end()
    raw.append(body[start:])
    endings.append("")
    return Original(path, data, codec, bom, tuple(raw), tuple(endings), source.text, source.diagnostics)


def read_original(path: str | os.PathLike[str], *, label: str | None = None) -> Original:
    """Read a file for :func:`rewrite`; every failure is one error naming the file."""
    name = os.fspath(path)
    return read_original_bytes(read_bytes(name, label=display_path(name)), name, label=label)


def _boundaries(raw: str) -> tuple[str, dict[int, int]]:
    """The reader's view of a raw line holding escaped bytes, and its shown -> raw offsets.

    Each run of escaped bytes shows as the replacement characters the reader gave
    it; offsets inside such a run are not boundaries.
    """
    shown: list[str] = []
    at = {0: 0}
    k = 0
    for m in re.finditer(r"[\udc80-\udcff]+|[^\udc80-\udcff]+", raw):
        piece = m.group()
        if _ESCAPED_BYTE.match(piece):
            view = piece.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            shown.append(view)
            k += len(view)
            at[k] = m.end()
        else:
            shown.append(piece)
            for j in range(1, len(piece) + 1):
                at[k + j] = m.start() + j
            k += len(piece)
    return "".join(shown), at


def _splice(raw: str, old: str, new: str) -> str | None:
    """``raw`` with the part where ``new`` differs from ``old`` replaced, or ``None`` if that part holds escaped bytes.

    >>> _splice("caf\\udce9 arxiv.org", "caf\\ufffd arxiv.org", "caf\\ufffd https://arxiv.org")
    'caf\\udce9 https://arxiv.org'
    """
    shown, at = _boundaries(raw)
    if shown != old:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start, end = prefix, len(old) - suffix
    while start > 0 and start not in at:  # widen to whole runs of escaped bytes...
        start -= 1
    while end < len(old) and end not in at:
        end += 1
    changed = new[start : len(new) - (len(old) - end)]
    if "\ufffd" in old[start:end] and _ESCAPED_BYTE.search(raw[at[start] : at[end]]):
        return None  # ...and refuse to rewrite them
    return raw[: at[start]] + changed + raw[at[end] :]


def rewrite(original: Original, text: str) -> bytes:
    """The bytes of ``original`` with its lines replaced by those of ``text`` (LF-separated).

    Lines equal to the reader's view of the original keep their exact bytes; changed
    lines are encoded in the file's encoding and keep their own line ending.  Raises
    :class:`WriteError` when that is not possible: the number of lines differs, a
    changed line held bytes that are not UTF-8, or a character has no encoding.
    """
    lines = text.split("\n")
    shown = original.text.split("\n")
    if len(lines) != len(original.raw) or len(shown) != len(original.raw):
        raise WriteError(original.path, "the change would add or remove lines; file left unchanged")
    out: list[str] = []
    for number, (new, old, raw, ending) in enumerate(
        zip(lines, shown, original.raw, original.endings, strict=True), start=1
    ):
        if new == old:
            out.append(raw + ending)
            continue
        if _ESCAPED_BYTE.search(raw):
            spliced = _splice(raw, old, new)
            if spliced is None:
                raise WriteError(
                    original.path,
                    f"line {number}: the change touches bytes that are not {original.encoding}; file left unchanged",
                )
            out.append(spliced + ending)
            continue
        try:
            new.encode(original.encoding)
        except UnicodeEncodeError as exc:
            raise WriteError(
                original.path,
                f"line {number}: {exc.object[exc.start : exc.end]!r} cannot be written in {original.encoding}; "
                "file left unchanged",
            ) from None
        out.append(new + ending)
    body = "".join(out)
    data = original.bom + body.encode(
        original.encoding, "surrogateescape" if original.encoding == "utf-8" else "strict"
    )
    check = decode(data).text.split("\n")
    if any(a != b for a, b, old in zip(check, lines, shown, strict=True) if b != old):
        raise WriteError(original.path, "the change could not be written back faithfully; file left unchanged")
    return data
