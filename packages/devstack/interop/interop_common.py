"""Helpers shared by the interop checks: the check decorator and polling."""
import time
import traceback


def make_check(client):
    """A decorator that runs a check at once and prints 'ok <client> <name>' or 'FAIL <client> <name>: <reason>'."""
    def check(name):
        def wrap(fn):
            try:
                fn()
                print(f"ok {client} {name}", flush=True)
            except Exception as e:  # noqa: BLE001
                detail = "".join(traceback.format_exception_only(type(e), e)).strip()
                print(f"FAIL {client} {name}: {detail}", flush=True)
            return fn
        return wrap
    return check


def eventually(predicate, seconds=15):
    """Polls until predicate() is true: Apache Kafka's metadata is eventually consistent."""
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline:
            raise AssertionError("not true within %ss" % seconds)
        time.sleep(0.1)
