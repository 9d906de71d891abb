# lit configuration of the huge tests.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "huge"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "e2e", "robustness", "CMakeLists.txt", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.huge_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.huge_tools_dir, append_path=True)
# The Python with torch and onnx (%onnxpy is the one running lit).
config.substitutions.append(("%onnxpy", config.huge_python))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%runtime", os.path.join(config.huge_src_root, "runtime")))
llvm_config.add_tool_substitutions(["huge-opt", "huge-translate", "huge-compile"],
                                   [config.huge_tools_dir])
# The AArch64 cross compiler (scripts/install-deps.sh installs it) for the
# NEON target's strict builds.
import shutil
if shutil.which("aarch64-linux-gnu-gcc"):
    config.available_features.add("aarch64-cc")
