#!/usr/bin/python3
"""Every kernel-variant configuration a huge_config.h can name compiles.

huge-compile writes a huge_config.h per model (runtime/src/config.h lists
its macros); a variant a model does not use is left out, and whatever only
that variant used must go with it, or the strict flags fail the build
(-Wunused-function on a static kernel nobody calls). The runtime tests build
every variant; this checks, with each of gcc and clang under -std=c99 -Wall
-Wextra -Werror -pedantic -Wvla (-fsyntax-only: the front end is where those
warnings come from), the configurations that switch variants off one family
at a time, each depthwise bit alone, and --optimize=size, on the host's
portable path; and the few that remove the most on AVX2, AVX-512, the
scalar build and (clang) AArch64 NEON.

usage: check_configs.py HUGE_RUNTIME_C RUNTIME_DIR
Prints one line per failure and ends with "N passed, N failed".
"""
import itertools
import shutil
import subprocess
import sys

FLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wvla", "-fsyntax-only",
         "-DHUGE_NO_CONFIG"]
CONFIGS = [
    [],
    ["-DHUGE_OPTIMIZE_SIZE=1"],
    ["-DHUGE_COLUMN_CHANNELS=0"],
    ["-DHUGE_COLUMN_CHANNELS=0x10u"],
    ["-DHUGE_CHANNEL_TILES=0"],
    ["-DHUGE_GATHERED_TILES=0"],
    ["-DHUGE_CHANNEL_TILES=0", "-DHUGE_GATHERED_TILES=0"],
    ["-DHUGE_FLAT_COLUMNS=0"],
    *[[f"-DHUGE_DEPTHWISE_TILES={bits}"] for bits in (0, 1, 2, 4, 8, 9)],
    ["-DHUGE_COLUMN_CHANNELS=0", "-DHUGE_CHANNEL_TILES=0", "-DHUGE_GATHERED_TILES=0",
     "-DHUGE_DEPTHWISE_TILES=0", "-DHUGE_FLAT_COLUMNS=0"],
]
# Every configuration on the host's portable path; the few that remove the
# most on the other paths.
ISAS = {
    "gcc": [["-mavx2", "-mfma"],
            ["-mavx512f", "-mavx512vl", "-mavx512bw", "-mavx512dq", "-mfma"],
            ["-DHUGE_NO_SIMD"]],
    "clang": [["-mavx2", "-mfma"], ["-march=skylake-avx512"], ["-DHUGE_NO_SIMD"],
              ["--target=aarch64-linux-gnu", "-DHUGE_TARGET_NEON"]],
}
ISA_CONFIGS = [CONFIGS[1], CONFIGS[6], ["-DHUGE_DEPTHWISE_TILES=8"], CONFIGS[-1]]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, include = sys.argv[1:]
    passed = failed = 0
    for cc, isas in ISAS.items():
        if shutil.which(cc) is None:
            print(f"FAIL {cc}: not found")
            failed += 1
            continue
        for target, config in [([], c) for c in CONFIGS] + list(
                itertools.product(isas, ISA_CONFIGS)):
            cmd = [cc, *FLAGS, *target, *config, "-I", include, source]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0 or "error:" in p.stderr:
                failed += 1
                print(f"FAIL {' '.join([cc, *target, *config])}:\n{p.stderr[:2000]}", flush=True)
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
