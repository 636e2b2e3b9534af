# System libraries from Debian 12 packages (see scripts/packages.txt).
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
# Checksums of backups (and, with issue 14, encryption at rest).
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

if(DYAD_BUILD_GUI)
    find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
    # CMake 3.25's FindwxWidgets has no imported target: wrap its variables in one.
    add_library(dyad_wx INTERFACE IMPORTED)
    target_include_directories(dyad_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
    target_compile_definitions(dyad_wx INTERFACE ${wxWidgets_DEFINITIONS}
        $<$<CONFIG:Debug>:${wxWidgets_DEFINITIONS_DEBUG}>)
    target_compile_options(dyad_wx INTERFACE ${wxWidgets_CXX_FLAGS})
    target_link_libraries(dyad_wx INTERFACE ${wxWidgets_LIBRARIES})
    # The wx major.minor goes into the ABI tag: wxWindow* crosses the plugin boundary.
    set(DYAD_WX_ABI "${wxWidgets_VERSION_MAJOR}.${wxWidgets_VERSION_MINOR}")
endif()

if(DYAD_BUILD_TESTS)
    find_package(GTest REQUIRED)
    find_package(benchmark REQUIRED)
endif()
