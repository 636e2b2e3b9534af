# Warnings and sanitizers shared by every Dyad target (added through dyad_target_defaults).
add_library(dyad_compile_options INTERFACE)
target_compile_options(dyad_compile_options INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>
    $<$<BOOL:${DYAD_WARNINGS_AS_ERRORS}>:-Werror>)
if(DYAD_SANITIZE)
    target_compile_options(dyad_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(dyad_compile_options INTERFACE -fsanitize=address,undefined)
endif()
# Boost.DLL uses std::filesystem instead of Boost.Filesystem (host and tests alike).
target_compile_definitions(dyad_compile_options INTERFACE BOOST_DLL_USE_STD_FS)

function(dyad_target_defaults target)
    target_link_libraries(${target} PRIVATE dyad_compile_options)
endfunction()
