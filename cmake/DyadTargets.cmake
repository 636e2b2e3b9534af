# One helper per kind of target, so every test and plugin is registered the same way.

# dyad_add_test(NAME <name> SOURCES <files...> [LIBS <libs...>] [LABELS <labels...>] [GUI])
# Builds one GoogleTest executable and registers it with ctest. GUI tests run under xvfb-run,
# one at a time (RESOURCE_LOCK display).
function(dyad_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    dyad_target_defaults(${ARG_NAME})
    target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} dyad_test_support GTest::gtest)
    set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    if(ARG_GUI)
        add_test(NAME ${ARG_NAME}
            COMMAND xvfb-run -a -s "-screen 0 1280x900x24" $<TARGET_FILE:${ARG_NAME}>)
        set_tests_properties(${ARG_NAME} PROPERTIES RESOURCE_LOCK display LABELS "gui;${ARG_LABELS}")
    else()
        add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
        if(ARG_LABELS)
            set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
        endif()
    endif()
    # A hung test (say, a modal dialog nobody answers) fails in minutes, not at CI's limit.
    set_tests_properties(${ARG_NAME} PROPERTIES
        ENVIRONMENT "DYAD_TEST_ARTIFACTS=${CMAKE_BINARY_DIR}/test-artifacts"
        TIMEOUT 300)
endfunction()

# dyad_add_plugin(): one definition for Dyad's own plugins and for plugin authors, the one the
# SDK installs (sdk/cmake/DyadPlugin.cmake). Nothing is installed unless a folder sets
# DYAD_PLUGIN_INSTALL_DIR (plugins/ does; test fixtures do not).
set(DYAD_PLUGIN_INSTALL_DIR "")
set(DYAD_RESOURCE_INSTALL_DIR "")
include(${PROJECT_SOURCE_DIR}/sdk/cmake/DyadPlugin.cmake)
