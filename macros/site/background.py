"""Work on the machine's second core: the build's steps are single-threaded Python, and a forked process
shares the parent's memory, so a large library is not copied to it."""

from __future__ import annotations

import functools
import multiprocessing


def in_background(fn, *args):
    """Start ``fn(*args)`` in a forked process, which shares this one's memory, so nothing is copied to it;
    returns a function that waits for the result (or raises its exception). It lets the generate step use
    a second core. Where fork does not exist, ``fn`` runs when the result is asked for."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return functools.partial(fn, *args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run():
        try:
            send.send((True, fn(*args)))
        except BaseException as err:  # handed to the parent, which raises it
            send.send((False, err))

    process = context.Process(target=run, daemon=True)
    process.start()
    send.close()

    def result():
        try:
            ok, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"{fn.__name__} ended without a result (exit code {process.exitcode})") from None
        finally:
            process.join()
        if not ok:
            raise value
        return value

    return result
