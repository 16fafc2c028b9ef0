"""Work on the machine's second core: the build's steps are single-threaded Python, and a forked process
shares the parent's memory, so a large library is not copied to it."""

from __future__ import annotations

import multiprocessing


class Background:
    """``fn(*args)`` in a forked process; ``result()`` waits for its value or raises its exception. Use it in a
    ``with`` block: leaving the block early (an error in the parent) stops the process, so none is left behind
    blocked on a result nobody reads. Where fork does not exist, ``fn`` runs when its result is asked for."""

    def __init__(self, fn, *args):
        self._fn, self._args, self._process = fn, args, None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=self._run, args=(send,), daemon=True)
            self._process.start()
            send.close()

    def _run(self, send) -> None:
        try:
            send.send((True, self._fn(*self._args)))
        except BaseException as err:  # handed to the parent, which raises it
            send.send((False, err))

    def result(self):
        if self._process is None:
            return self._fn(*self._args)
        try:
            ok, value = self._receive.recv()
        except EOFError:
            raise RuntimeError(f"{self._fn.__name__} ended without a result "
                               f"(exit code {self._process.exitcode})") from None
        finally:
            self._process.join()
        if not ok:
            raise value
        return value

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
