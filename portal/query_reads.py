"""Which query parameters a page reads while it is rendered: the page cache keys an entry by those only.

``RecordingQueryDict`` replaces ``request.GET`` while a cacheable page is rendered. It answers exactly like the
``QueryDict`` it copies and records what was asked:

* ``get``, ``[]``, ``in``: the parameter by name; the page saw its last value (or its absence): mode "one";
* ``getlist``: every value in order: mode "list";
* ``bool()``/``len()``: whether there are any parameters at all;
* anything that sees every parameter (iterating, ``items``, ``lists``, ``copy``, ``urlencode``, ``dict``) and
  reading the raw ``QUERY_STRING`` (``request.get_full_path()``): the page may depend on all of them.

Links that carry the visitor's state to another page or language (pagination, the language switcher) take
``carried_params(request)``: the parameters the page reads, not every parameter of the address, so tracking
or unknown parameters neither end up in links nor make a page depend on all parameters.

Tracking parameters (``utm_*``, ``fbclid``, ``gclid`` and the like, ``TRACKING``) are removed from the request of a
cacheable page before anything reads it (``strip_tracking``): the page is rendered as without them.
"""

from urllib.parse import unquote_plus

from django.http import QueryDict

TRACKING = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "twclid", "igshid", "ttclid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id",
}


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING


def strip_tracking(query_string: str) -> str:
    """The raw query string without its tracking parameters; the others stay exactly as they were written."""
    if not query_string:
        return query_string
    kept = [part for part in query_string.split("&") if part and not is_tracking(unquote_plus(part.split("=", 1)[0]))]
    return "&".join(kept)


ONE, LIST = "one", "list"


class Reads:
    """What one render read: {name: mode}, whether it asked if there are any, whether it saw them all."""

    def __init__(self):
        self.names: dict[str, str] = {}
        self.any = False
        self.all = False
        self.omitted: set[str] = set()  # parameters present but left out of carried links (see carried_params)

    def name(self, name, mode=ONE):
        if self.names.get(name) != LIST:
            self.names[name] = mode


class RecordingQueryDict(QueryDict):
    """An immutable QueryDict that records which parameters are read (see the module's description)."""

    def __init__(self, query_string, encoding=None, known=(), known_all=False):
        self.reads = Reads()
        super().__init__(query_string, encoding=encoding)
        self.reads = Reads()  # parsing looked names up: nothing is read yet
        self.known = set(known)  # names earlier renders of this page read: carried even before this one reads them
        self.known_all = known_all  # earlier renders read every parameter: carry them all

    def __getitem__(self, key):
        self.reads.name(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.name(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.reads.name(key, LIST)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.reads.name(key)
        return super().__contains__(key)

    def __len__(self):
        self.reads.any = True
        return super().__len__()

    def _everything(self):
        self.reads.all = True

    def __iter__(self):
        self._everything()
        return super().__iter__()

    def keys(self):
        self._everything()
        return super().keys()

    def items(self):
        self._everything()
        return super().items()

    def lists(self):
        self._everything()
        return super().lists()

    def values(self):
        self._everything()
        return super().values()

    def dict(self):
        self._everything()
        return super().dict()

    def urlencode(self, safe=None):
        self._everything()
        return super().urlencode(safe)

    def __repr__(self):
        self._everything()
        return super().__repr__()

    def __eq__(self, other):
        self._everything()
        return dict.__eq__(self, other)

    __hash__ = None

    def copy(self):
        self._everything()
        return plain(self)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def raw_lists(self) -> dict:
        """{name: [values]} without recording anything (for the cache key)."""
        return {name: list(values) for name, values in dict.items(self)}


def plain(query: QueryDict, names=None) -> QueryDict:
    """A mutable plain QueryDict of ``query``'s parameters (only ``names`` when given), read without recording."""
    result = QueryDict(mutable=True)
    for name, values in dict.items(query):
        if names is None or name in names:
            result.setlist(name, list(values))
    return result


def carried_params(request) -> QueryDict:
    """The parameters a link carrying the visitor's state keeps: those the page reads (this render so far, and
    earlier renders of the same page), as a mutable QueryDict. Outside the page cache: every parameter."""
    query = request.GET
    if not isinstance(query, RecordingQueryDict):
        return query.copy()
    if query.known_all or query.reads.all:
        return plain(query)
    wanted = query.known | set(query.reads.names)
    query.reads.omitted.update(name for name in dict.keys(query) if name not in wanted)
    return plain(query, wanted)


class RecordingMeta(dict):
    """``request.META`` that notes a read of the raw ``QUERY_STRING`` (``get_full_path``, ``build_absolute_uri``)."""

    query_reads: Reads | None = None

    def _note(self, key):
        if key == "QUERY_STRING" and self.query_reads is not None:
            self.query_reads.all = True

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)
