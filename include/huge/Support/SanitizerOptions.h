//===- SanitizerOptions.h - AddressSanitizer defaults of the tools -*- C++ -*-//
//
// Included once by each tool's main file. In the sanitized build
// (scripts/build-sanitized.sh) MLIR and LLVM come from Debian, built without
// AddressSanitizer, and share bump allocators with huge's instrumented code:
// LLVM's headers poison a new slab in instrumented code and unpoison each
// allocation made there, which the libraries' own allocations never do.
// Manual poisoning is turned off so that only real errors are reported
// (redzones, use after free, leaks). Empty in every other build.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_SUPPORT_SANITIZEROPTIONS_H
#define HUGE_SUPPORT_SANITIZEROPTIONS_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}
#endif
#endif

#endif // HUGE_SUPPORT_SANITIZEROPTIONS_H
