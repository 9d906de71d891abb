//===- Locations.h - names of ops for reports -------------------*- C++ -*-===//

#ifndef HUGE_DIALECT_HUGE_IR_LOCATIONS_H
#define HUGE_DIALECT_HUGE_IR_LOCATIONS_H

#include "mlir/IR/Location.h"

#include <string>

namespace huge {

/// The names in `loc` (the ONNX nodes an op came from), joined with " + ";
/// empty if it holds none.
inline std::string locationName(mlir::Location loc) {
  if (auto name = mlir::dyn_cast<mlir::NameLoc>(loc))
    return name.getName().str();
  std::string s;
  if (auto fused = mlir::dyn_cast<mlir::FusedLoc>(loc))
    for (mlir::Location l : fused.getLocations())
      if (auto name = mlir::dyn_cast<mlir::NameLoc>(l))
        s += (s.empty() ? "" : " + ") + name.getName().str();
  return s;
}

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_LOCATIONS_H
