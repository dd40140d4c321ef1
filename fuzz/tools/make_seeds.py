#!/usr/bin/env python3
"""Writes the hand-made seed corpus of every fuzz target (fuzz/corpus/).

Each seed is one documented case, encoded as fuzz_data_producer.c reads it:
integers from the end of the input (first consumed = last byte, most
significant byte first), byte strings from the front. Run from anywhere:
    python3 fuzz/tools/make_seeds.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', 'corpus')
NAME_MAX = 32767
HUGE_GATE = 0xA5
TIME_2026 = 1795675081123  # 2026-11-26T07:38:01.123Z


class Producer:
    """Mirror of fuzz_data_producer: builds an input consumed in call order."""

    def __init__(self):
        self.front = b''
        self.tail = []

    def rng(self, lo, hi, v):
        assert lo <= v <= hi, (lo, hi, v)
        r, val = hi - lo, v - lo
        n = (r.bit_length() + 7) // 8
        self.tail += [(val >> (8 * (n - 1 - i))) & 0xFF for i in range(n)]

    def u32(self, v):
        self.rng(0, 0xFFFFFFFF, v & 0xFFFFFFFF)

    def u64(self, v):
        self.u32(v >> 32)
        self.u32(v)

    def bool(self, v):
        self.rng(0, 1, int(bool(v)))

    def raw(self, b):
        self.front += b

    def build(self):
        return self.front + bytes(reversed(self.tail))


def utf16(s):
    """str (may hold lone surrogates via chr(0xD800)) to UTF-16LE units."""
    return b''.join(struct.pack('<H', ord(c)) if ord(c) < 0x10000 else
                    c.encode('utf-16-le') for c in s)


def name(p, bound, kind, text='', extra=0, terminate=False, mapped=b''):
    """fuzz_name_make: 0 NULL, 1 empty, 2 terminated, 5 unterminated at the
    bound, 6 longer than the bound, 7 byte-mapped interesting units."""
    p.rng(0, 7, kind)
    if kind == 0:
        return
    if kind in (5, 6) and bound > 4096:
        p.rng(0, 255, HUGE_GATE)
    if kind == 1:
        return
    if kind == 7:
        p.rng(0, 128, len(mapped))
        p.raw(mapped)
        return
    data = utf16(text)
    p.rng(0, 128, len(data) // 2)
    p.raw(data)
    if kind == 6:
        p.rng(0, 3, extra)
        p.bool(terminate)


def header(p, bound, pid=1234, tid=5678, time=TIME_2026):
    p.u32(pid)
    p.u32(tid)
    p.u64(time)
    if bound == NAME_MAX:
        p.rng(0, 15, 0)
    else:
        p.rng(0, 15, 1)
        p.rng(0, 160, bound)


def add_seed(bound=NAME_MAX, type_=1, flags=1, post=0, names=None, **hdr):
    p = Producer()
    header(p, bound, **hdr)
    for v in (0, type_, 3, 1, flags, post):  # scope, type, display, usage
        p.u32(v)
    for args in names:
        name(p, bound, *args[:2], **(args[2] if len(args) > 2 else {}))
    return p.build()


def cancel_seed(bound=NAME_MAX, flags=1, force=0, post=0, names=None,
                freed=False, **hdr):
    p = Producer()
    header(p, bound, **hdr)
    p.u32(flags)
    p.u32(force)
    p.u32(post)
    for args in names:
        name(p, bound, *args[:2], **(args[2] if len(args) > 2 else {}))
    p.bool(freed)
    return p.build()


SRV = '\\\\srv\\share'
LANMAN = 'Microsoft Windows Network'
SURR = 'a\ud800b\udc00c\udbff\ud800\ude00\U0001F600\udfff'
CTRL = 'a\x01\x08\t\n\x0c\r\x1b\x1f"\\/\x7f\u2028z'
EMBED = 'Z:\x00hidden'
MAPPED = bytes(range(32))

ADD = {
    'typical': add_seed(names=[(2, 'Z:'), (2, SRV), (2, LANMAN)]),
    'deviceless_null_local': add_seed(names=[(0,), (2, SRV), (0,)]),
    'empty_local': add_seed(names=[(1,), (2, SRV), (2, LANMAN)]),
    'all_flags_failed': add_seed(flags=0x1F, post=67, names=[(2, 'LPT1:'), (2, SRV), (0,)]),
    'any_type_flags': add_seed(type_=0xFFFFFFFF, flags=0xFFFFFFFF, post=0xFFFFFFFF,
                               names=[(2, 'Z:'), (2, SRV), (2, 'P')]),
    'unterminated_at_bound': add_seed(bound=8, names=[(5, 'Z:'), (5, SRV), (5, LANMAN)]),
    'overlong': add_seed(bound=16, names=[(6, 'Y:', {'extra': 3}), (6, SRV, {'extra': 0, 'terminate': True}),
                                          (6, LANMAN, {'extra': 1})]),
    'bound_zero': add_seed(bound=0, names=[(2, 'Z:'), (5, ''), (1,)]),
    'bound_one': add_seed(bound=1, names=[(2, 'Z:'), (1,), (5, 'x')]),
    'surrogates': add_seed(names=[(2, SURR), (2, '\ud800'), (2, '\udc00')]),
    'controls_quotes': add_seed(names=[(2, CTRL), (2, SRV + '\n"evil"'), (2, '\\')]),
    'embedded_nul': add_seed(names=[(2, EMBED), (2, SRV + '\x00x'), (2, '\x00')]),
    'mapped_units': add_seed(names=[(7, '', {'mapped': MAPPED}), (7, '', {'mapped': bytes([16, 21, 20, 17, 18])}),
                                    (7, '', {'mapped': bytes([30, 0, 30])})]),
    'time_epoch': add_seed(time=0, pid=0, tid=0, names=[(2, 'Z:'), (2, SRV), (0,)]),
    'time_max': add_seed(time=253402300799999, pid=0xFFFFFFFF, tid=0xFFFFFFFF,
                         names=[(2, 'Z:'), (2, SRV), (0,)]),
    'time_leap_day': add_seed(time=1709164800000 + 86399999, names=[(2, 'Z:'), (2, SRV), (0,)]),
}

CANCEL = {
    'typical': cancel_seed(names=[(2, 'Z:'), (2, LANMAN)]),
    'force_remote_name': cancel_seed(flags=0, force=1, names=[(2, SRV), (2, LANMAN)]),
    'force_odd_value': cancel_seed(force=-2, post=2250, names=[(2, 'Z:'), (0,)]),
    'freed_provider_pre': cancel_seed(freed=True, names=[(2, 'Z:'), (2, LANMAN)]),
    'null_name': cancel_seed(names=[(0,), (0,)]),
    'empty_name': cancel_seed(names=[(1,), (1,)]),
    'any_flags_failed': cancel_seed(flags=0xFFFFFFFF, post=1223, names=[(2, 'Z:'), (2, 'P')]),
    'unterminated_at_bound': cancel_seed(bound=5, names=[(5, 'Z:'), (5, LANMAN)]),
    'overlong': cancel_seed(bound=3, names=[(6, SRV, {'extra': 3, 'terminate': True}), (6, LANMAN)]),
    'bound_zero': cancel_seed(bound=0, names=[(1,), (2, 'P')]),
    'surrogates': cancel_seed(names=[(2, SURR), (2, '\udbff\udbff')]),
    'controls_quotes': cancel_seed(names=[(2, CTRL), (2, '"\\\n')]),
    'embedded_nul': cancel_seed(names=[(2, EMBED), (2, 'P\x00Q')]),
    'mapped_units': cancel_seed(names=[(7, '', {'mapped': bytes(b for b in reversed(MAPPED) if b != 30)}), (7, '', {'mapped': bytes([17, 16])})]),
}


class Sequence:
    """fuzz_notifyinfo ops, tracking the live/consumed counts it depends on."""
    ADD, CANCEL = 0, 1

    def __init__(self):
        self.p = Producer()
        self.live = 0
        self.consumed = 0

    def _head(self, op, cancel, fail, status):
        p = self.p
        p.rng(0, 7, op)
        p.bool(cancel)
        p.rng(0, 15, 0 if fail else 1)
        table = [0, 5, 87, 67, 85, 2250, 1223, 1237, 0xFFFFFFFF]
        if status in table:
            p.rng(0, 9, table.index(status))
        else:
            p.rng(0, 9, 9)
            p.u32(status)

    def pre(self, cancel=0, incoming=None, fail=False, status=0):
        self._head(0, cancel, fail, status)
        if incoming is None:
            self.p.bool(1)
        else:
            self.p.bool(0)
            self.p.u64(incoming)
        self.live = min(self.live + 1, 1024)
        return self

    def burst(self, n=None, over=0, cancel=0):
        """n PREs (1..64), or with n None: up to a full pool plus `over`."""
        self._head(1, cancel, False, 0)
        if n is None:
            self.p.rng(0, 64 + 15, 64 + over)
            self.live = 1024
        else:
            self.p.rng(0, 64 + 15, n - 1)
            self.live = min(self.live + n, 1024)
        return self

    def post(self, index=0, cancel=0, fail=False, status=0):
        assert self.live
        self._head(2, cancel, fail, status)
        assert index < self.live
        self.p.rng(0, 0xFFFF, index)
        self.live -= 1
        self.consumed += 1
        return self

    def again(self, index=0, cancel=0, status=0):
        assert self.consumed
        self._head(4, cancel, False, status)
        self.p.rng(0, min(self.consumed, 64) - 1, index)
        return self

    def forged(self, how, value=0, bit=0, cancel=0, status=0):
        self._head(5, cancel, False, status)
        self.p.rng(0, 5, how)
        if how == 0:
            self.p.u64(value)
        elif how == 1:
            self.p.rng(1, 16, value)
        elif how == 4 and self.live:
            assert value < self.live
            self.p.rng(0, 0xFFFF, value)
            self.p.rng(0, 63, bit)
        return self

    def null_post(self, cancel=0, status=0):
        self._head(6, cancel, False, status)
        return self

    def invalid(self, notify_status, how, cancel=0):
        self._head(7, cancel, False, 0)
        self.p.u32(notify_status)
        self.p.rng(0, 2, how)
        return self

    def build(self):
        return self.p.build()


def seq():
    return Sequence()


INFO = {
    'pair_add': seq().pre().post().build(),
    'pair_cancel_failed': seq().pre(cancel=1).post(cancel=1, status=2250).build(),
    'post_without_pre': seq().forged(0, 0xDEADBEEF).forged(0, 0x80000002).build(),
    'duplicate_post': seq().pre().post().again().again(cancel=1).build(),
    'stale_after_reuse': seq().pre().post().burst().again().build(),
    'full_pool_dropped': seq().burst(over=2).pre().pre(cancel=1).post(7).pre().build(),
    'null_context': seq().null_post().null_post(cancel=1).build(),
    'invalid_calls': seq().invalid(0, 0).invalid(3, 0).invalid(0xFFFFFFFF, 0, 1)
                          .invalid(1, 1).invalid(2, 2, 1).build(),
    'sink_fails': seq().pre(fail=True).post(fail=True).pre().post().build(),
    'forged_near_miss': seq().pre().pre().forged(4, 1, 0).forged(4, 0, 31).forged(4, 1, 12).post(1).build(),
    'forged_pointers': seq().pre().forged(2).forged(3).forged(1, 1).forged(1, 16).forged(5).post().build(),
    'pre_with_garbage_context': seq().pre(incoming=0x4141414141414141).pre(incoming=1).post(1).post().build(),
    'interleaved': seq().pre().pre(1).pre().post(1).pre(1).post(0, 1).post(1).post().again(2).build(),
    'retry_and_cancel_status': seq().pre().post(status=1237).pre(1).post(cancel=1, status=1223).build(),
}

REC = {
    'add_pre': '{"v":1,"seq":12,"time":"2026-11-26T07:38:01.123Z","pid":1234,"tid":5678,"op":"add","phase":"pre",'
               '"status":0,"type":1,"flags":4,"force":false,"local":"Z:","remote":"\\\\\\\\srv\\\\share",'
               '"provider":null,"truncated":false,"key":17}\n',
    'add_post_failed': '{"v":1,"seq":13,"time":"2026-11-26T07:38:01.125Z","pid":1234,"tid":5678,"op":"add",'
                       '"phase":"post","status":67,"type":1,"flags":4,"force":false,"local":null,'
                       '"remote":"\\\\\\\\srv\\\\share","provider":"Microsoft Windows Network","truncated":false,'
                       '"key":17}',
    'cancel_pre': '{"v":1,"seq":1,"time":"1970-01-01T00:00:00.000Z","pid":0,"tid":0,"op":"cancel","phase":"pre",'
                  '"status":0,"type":0,"flags":1,"force":true,"local":"Z:","remote":null,"provider":null,'
                  '"truncated":false,"key":1}\n',
    'pre_dropped': '{"v":1,"seq":1025,"time":"2024-02-29T23:59:59.999Z","pid":1,"tid":2,"op":"add","phase":"pre",'
                   '"status":0,"type":1,"flags":0,"force":false,"local":"","remote":"x","provider":null,'
                   '"truncated":false,"key":null,"ctx":"dropped"}\n',
    'post_forged': '{"v":1,"seq":2,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"cancel","phase":"post",'
                   '"status":2250,"type":0,"flags":0,"force":false,"local":"Z:","remote":null,"provider":"P",'
                   '"truncated":false,"key":null,"ctx":"forged"}\n',
    'post_stale': '{"v":1,"seq":3,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"add","phase":"post",'
                  '"status":0,"type":1,"flags":0,"force":false,"local":"Z:","remote":"r","provider":null,'
                  '"truncated":false,"key":null,"ctx":"stale"}\n',
    'post_duplicate': '{"v":1,"seq":4,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"add","phase":"post",'
                      '"status":0,"type":1,"flags":0,"force":false,"local":"Z:","remote":"r","provider":null,'
                      '"truncated":false,"key":null,"ctx":"duplicate"}\n',
    'post_null': '{"v":1,"seq":5,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"cancel","phase":"post",'
                 '"status":0,"type":0,"flags":0,"force":false,"local":"Z:","remote":null,"provider":null,'
                 '"truncated":false,"key":null,"ctx":"null"}\n',
    'escapes': '{"v":1,"seq":6,"time":"9999-12-31T23:59:59.999Z","pid":4294967295,"tid":4294967295,"op":"add",'
               '"phase":"pre","status":4294967295,"type":4294967295,"flags":4294967295,"force":false,'
               '"local":"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\\"\\\\\\/",'
               '"remote":"\\ud83d\\ude00\\ud800\\udc00x\\udbff\\u0041",'
               '"provider":"\\uD83D\\uDE00\\uffff\\u2028","truncated":true,"key":18446744073709551615}\n',
    'raw_utf8': '{"v":1,"seq":18446744073709551615,"time":"2000-02-29T12:00:00.500Z","pid":7,"tid":7,"op":"add",'
                '"phase":"post","status":0,"type":1,"flags":0,"force":false,"local":"\u00e9\u4e2d\U0001F600",'
                '"remote":"\uffff\u0800\u07ff","provider":null,"truncated":false,"key":3}\n',
    'reordered_spaces': '{ "key" : 9 , "truncated":false,"provider":null,"remote":"r","local":"l","force":false,'
                        '"flags":0,"type":0,"status":0,"phase":"pre","op":"cancel","tid":1,"pid":1,'
                        '"time":"2026-11-26T07:38:01.123Z","seq":1,"v":1 }\n',
    # Rejections, one each.
    'bad_empty': '',
    'bad_object_empty': '{}\n',
    'bad_trailing': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"add","phase":"pre",'
                    '"status":0,"type":0,"flags":0,"force":false,"local":null,"remote":null,"provider":null,'
                    '"truncated":false,"key":1} x\n',
    'bad_duplicate_field': '{"v":1,"v":1}\n',
    'bad_unknown_field': '{"v":1,"extra":0}\n',
    'bad_escape': '{"local":"\\x41"}\n',
    'bad_hex': '{"local":"\\u12G4"}\n',
    'bad_raw_control': '{"local":"a\tb"}\n',
    'bad_utf8': '{"local":"\udc80"}\n',
    'bad_cut': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"add","phase":"pre","sta',
    'bad_time': '{"v":1,"seq":1,"time":"2026-02-30T07:38:01.123Z","pid":1,"tid":1,"op":"add","phase":"pre",'
                '"status":0,"type":0,"flags":0,"force":false,"local":null,"remote":null,"provider":null,'
                '"truncated":false,"key":1}\n',
    'bad_number': '{"v":1,"seq":18446744073709551616,"pid":-1,"tid":01,"status":1e3}\n',
    'bad_op': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"del","phase":"mid",'
              '"status":0,"type":0,"flags":0,"force":false,"local":null,"remote":null,"provider":null,'
              '"truncated":false,"key":1}\n',
    'bad_ctx_with_key': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"add",'
                        '"phase":"post","status":0,"type":0,"flags":0,"force":false,"local":null,"remote":null,'
                        '"provider":null,"truncated":false,"key":1,"ctx":"forged"}\n',
    'bad_two_lines': '{"v":1}\n{"v":1}\n',
    'bad_add_force': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"add","phase":"pre",'
                     '"status":0,"type":1,"flags":0,"force":true,"local":null,"remote":null,"provider":null,'
                     '"truncated":false,"key":1}\n',
    'bad_cancel_pre_provider': '{"v":1,"seq":1,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":1,"op":"cancel",'
                               '"phase":"pre","status":0,"type":0,"flags":0,"force":false,"local":"Z:",'
                               '"remote":null,"provider":"P","truncated":false,"key":1}\n',
    # Long: a name past the reader's 1 KiB stack scratch, a line past its
    # 4 KiB stack copy (longer than max_len: libFuzzer cuts it, the replays
    # and the coverage report read it whole).
    'long_name': '{"v":1,"seq":7,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"add","phase":"post",'
                 '"status":0,"type":1,"flags":0,"force":false,"local":"' + 'Z\\u00e9\u4e2d' * 200 + '",'
                 '"remote":null,"provider":null,"truncated":true,"key":3}\n',
    'long_line': '{"v":1,"seq":8,"time":"2026-11-26T07:38:01.123Z","pid":1,"tid":2,"op":"add","phase":"pre",'
                 '"status":0,"type":1,"flags":0,"force":false,"local":"' + 'x' * 1500 + '","remote":"'
                 + '\\\\srv' * 300 + '","provider":"' + 'p' * 1500 + '","truncated":false,"key":4}\n',
}


# Regression inputs: replayed by CTest, not campaign seeds. Names of
# CN_NAME_MAX units cost milliseconds per run; as seeds they would dominate
# the exec rate.
REGRESS_ADD = {
    'name_max_unterminated': add_seed(names=[(5, 'Z'), (6, SRV, {'extra': 2}), (2, LANMAN)]),
}
REGRESS_CANCEL = {
    'name_max_unterminated': cancel_seed(names=[(5, 'Z:'), (5, 'P')]),
}


def names_seed(text, bound, length, caps=0):
    """fuzz_names: bound, caps, length, the record's fields from the end;
    the rest is UTF-16."""
    p = Producer()
    p.rng(0, 300, bound)
    p.u32(caps)
    p.rng(0, 0xFFFF, length)
    # The record around the names: add PRE, keyed.
    p.bool(0)
    p.bool(0)
    p.u32(0)
    p.u32(1)
    p.u32(0)
    p.u32(1234)
    p.u32(5678)
    p.u64(TIME_2026)
    p.u64(1)
    p.rng(0, 5, 0)
    p.u64(7)
    p.bool(0)
    p.raw(utf16(text))
    return p.build()


NAMES = {
    'empty': names_seed('', 0, 0),
    'ascii_bound_short': names_seed('Z:\\srv\\share', 3, 12, caps=5),
    'embedded_nul': names_seed('ab\0cd', 10, 5, caps=3),
    'unterminated_at_bound': names_seed('abcdefgh', 8, 8, caps=8),
    'widths': names_seed('A\u00e9\u0800\U0001F600', 5, 5, caps=6),
    'surrogates': names_seed('\ud83d\ude00\ud800a\udc00\udbff', 6, 6, caps=7),
    'high_at_end': names_seed('ab\ud800', 3, 3, caps=5),
}


def write(target, seeds, top=CORPUS):
    d = os.path.join(top, target)
    os.makedirs(d, exist_ok=True)
    for name_, data in seeds.items():
        if isinstance(data, str):
            data = data.encode('utf-8', 'surrogatepass')
        with open(os.path.join(d, name_), 'wb') as f:
            f.write(data)
    print(f'{target}: {len(seeds)} seeds')


write('fuzz_notifyadd', ADD)
write('fuzz_notifycancel', CANCEL)
write('fuzz_notifyinfo', INFO)
write('fuzz_record', REC)
write('fuzz_names', NAMES)
REGRESSION = os.path.join(HERE, '..', 'regression')
write('fuzz_notifyadd', REGRESS_ADD, REGRESSION)
write('fuzz_notifycancel', REGRESS_CANCEL, REGRESSION)
