"""What to do when the engine says stop: each part of the host adds its own hook."""


class Stops:
    def __init__(self):
        self.fired = False
        self._hooks = []

    def on_stop(self, hook):
        self._hooks.append(hook)
        if self.fired:
            hook()

    def fire(self, *_):
        self.fired = True
        for hook in list(self._hooks):
            hook()
