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

# dyad_add_plugin(NAME <target> SOURCES <files...> [LIBS <libs...>] [OUTPUT_DIR <dir>] [WX])
# Builds a plugin shared library: hidden visibility (only the entry symbol is exported), the
# ABI tag's wx component when the plugin uses wx, no "lib" prefix, output in the build-tree
# plugin folder unless OUTPUT_DIR says otherwise.
function(dyad_add_plugin)
    cmake_parse_arguments(ARG "WX" "NAME;OUTPUT_DIR" "SOURCES;LIBS" ${ARGN})
    add_library(${ARG_NAME} MODULE ${ARG_SOURCES})
    dyad_target_defaults(${ARG_NAME})
    target_link_libraries(${ARG_NAME} PRIVATE dyad::sdk ${ARG_LIBS})
    if(ARG_WX)
        target_link_libraries(${ARG_NAME} PRIVATE dyad_wx)
        target_compile_definitions(${ARG_NAME} PRIVATE DYAD_ABI_WX="${DYAD_WX_ABI}")
    endif()
    if(NOT ARG_OUTPUT_DIR)
        set(ARG_OUTPUT_DIR ${DYAD_BUILD_PLUGIN_DIR})
    endif()
    set_target_properties(${ARG_NAME} PROPERTIES
        PREFIX ""
        C_VISIBILITY_PRESET hidden
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR})
    target_link_options(${ARG_NAME} PRIVATE -Wl,--no-undefined)
endfunction()
