"""Reference outputs for the sweep engine: Python's itertools.product order and the SplitMix64 generator.

Run from the repository root: /usr/bin/python3 tests/reference/sweeps.py
Writes tests/DynPmnn.Tests/Fixtures/sweeps_reference.json (standard library only).
"""
import itertools
import json
import pathlib

MASK = (1 << 64) - 1


def splitmix64(seed):
    """Steele, Lea and Flood's SplitMix64, as in Vigna's reference splitmix64.c."""
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def below(stream, count):
    """An unbiased whole number in [0, count): draws below 2**64 mod count are rejected."""
    threshold = ((1 << 64) - count) % count
    while True:
        draw = next(stream)
        if draw >= threshold:
            return draw % count


# The grid of the expansion test: three parameters of the trial configuration, values as the spec lists them.
axes = {
    "protocol.learningRate": [0.01, 0.001, 0.0001],
    "protocol.batchSize": [16, 32],
    "model.blocks[0].dt": [0.5, 1.0, 2.0, 5.0],
}
product = [list(point) for point in itertools.product(*axes.values())]

outputs = splitmix64(0)
raw = [str(next(outputs)) for _ in range(8)]
doubles_stream = splitmix64(42)
doubles = [(next(doubles_stream) >> 11) * (1.0 / (1 << 53)) for _ in range(8)]
below_stream = splitmix64(7)
below_values = [below(below_stream, 10) for _ in range(16)]

fixture = {
    "product": {"parameters": list(axes.keys()), "values": list(axes.values()), "order": product},
    "splitmix64": {"seed": 0, "outputs": raw},
    "doubles": {"seed": 42, "values": doubles},
    "below": {"seed": 7, "count": 10, "values": below_values},
}
path = pathlib.Path("tests/DynPmnn.Tests/Fixtures/sweeps_reference.json")
path.write_text(json.dumps(fixture, indent=2) + "\n")
print(f"wrote {path}")
