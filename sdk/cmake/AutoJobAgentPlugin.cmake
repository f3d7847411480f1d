# aj_add_plugin(<name> SOURCES <src>... [LIBRARIES <lib>...])
#
# Builds <name>.so, a module that exports only aj_plugin_entry_v1: symbols are
# hidden by default (a plugin's inline and template code must never be
# interposed with the host's or another plugin's), and undefined symbols are a
# link error rather than a failure at load time. Installs to
# lib/autojobagent/plugins, where ajhost looks. When AJ_PLUGIN_OUTPUT_DIR is set
# the module is also built there.
function(aj_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 AJ "" "" "SOURCES;LIBRARIES")
  if(NOT AJ_SOURCES)
    message(FATAL_ERROR "aj_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${AJ_SOURCES})
  target_link_libraries(${name} PRIVATE AutoJobAgent::sdk ${AJ_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    # Export exactly the entry point: hidden visibility alone still lets the
    # C++ runtime leak weak and GNU_UNIQUE symbols (which also pin the library).
    set(map "${CMAKE_CURRENT_BINARY_DIR}/${name}.exports.map")
    file(WRITE "${map}" "{ global: aj_plugin_entry_v1; local: *; };\n")
    target_link_options(${name} PRIVATE "LINKER:-z,defs" "LINKER:--version-script=${map}")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${map}")
  endif()
  if(AJ_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${AJ_PLUGIN_OUTPUT_DIR})
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION lib/autojobagent/plugins COMPONENT plugins)
endfunction()
