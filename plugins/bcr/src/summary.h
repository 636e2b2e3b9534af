// What the Requests tab shows beside the list: frustrations grouped by theme, and one
// frustration's timeline. Pure functions over loaded records. No wx here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store.h"

namespace dyad::bcr {

// (theme, count) by count, then theme; frustrations without a theme count as "no theme".
std::vector<std::pair<std::string, int>> themes(const std::vector<Frustration>& frustrations);

// Dated lines ("Nov 2, 2026  gift begins, until Nov 8, 2026"), oldest first: written, each
// gift's period, each check-in. In the language shown (dyad::show).
std::vector<std::string> timeline(const Frustration& frustration);

}  // namespace dyad::bcr
