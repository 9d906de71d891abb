//===- ErrorCounter.h - did any step report an error? -----------*- C++ -*-===//
//
// A step may report an error and go on (a verifier listing every problem, a
// pass that emits and continues). The tools fail if any error was reported
// at all, so an `error:` line never comes with exit status 0.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_SUPPORT_ERRORCOUNTER_H
#define HUGE_SUPPORT_ERRORCOUNTER_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

namespace huge {

/// Counts the errors reported in a context while it lives, passing every
/// diagnostic on to the handlers registered before it.
class ErrorCounter {
public:
  explicit ErrorCounter(mlir::MLIRContext *context)
      : handler(context, [this](mlir::Diagnostic &diag) {
          errors += diag.getSeverity() == mlir::DiagnosticSeverity::Error;
          return mlir::failure(); // on to the next handler
        }) {}

  int count() const { return errors; }

private:
  int errors = 0;
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace huge

#endif // HUGE_SUPPORT_ERRORCOUNTER_H
