; Switchboard's NSIS additions (electron-builder `nsis.include`).
;
; Registers Switchboard as a *candidate* handler for tel:, callto: and sip: links
; (Windows "Default apps"), the way Windows expects since 8: a ProgID per scheme,
; Capabilities\URLAssociations pointing at those ProgIDs, and an entry in
; RegisteredApplications. It does not take over Software\Classes\tel itself: the
; user chooses. SHCTX is HKCU for a per-user install and HKLM for per-machine.
;
; The command line ends with `-- "%1"`: Chromium stops reading switches at `--`,
; so a crafted link can never be taken for a command-line switch.

!define SB_CAPABILITIES "Software\Switchboard\Capabilities"

!macro sbRegisterScheme SCHEME DESCRIPTION
  WriteRegStr SHCTX "Software\Classes\Switchboard.${SCHEME}" "" "${DESCRIPTION}"
  WriteRegStr SHCTX "Software\Classes\Switchboard.${SCHEME}" "FriendlyTypeName" "${DESCRIPTION}"
  WriteRegStr SHCTX "Software\Classes\Switchboard.${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\Switchboard.${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" -- "%1"'
  WriteRegStr SHCTX "${SB_CAPABILITIES}\URLAssociations" "${SCHEME}" "Switchboard.${SCHEME}"
!macroend

!macro customInstall
  WriteRegStr SHCTX "${SB_CAPABILITIES}" "ApplicationName" "${PRODUCT_NAME}"
  WriteRegStr SHCTX "${SB_CAPABILITIES}" "ApplicationDescription" "Dial tel:, callto: and sip: links with your PBX."
  WriteRegStr SHCTX "${SB_CAPABILITIES}" "ApplicationIcon" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  !insertmacro sbRegisterScheme "tel" "Telephone link"
  !insertmacro sbRegisterScheme "callto" "Telephone link"
  !insertmacro sbRegisterScheme "sip" "SIP link"
  WriteRegStr SHCTX "Software\RegisteredApplications" "Switchboard" "${SB_CAPABILITIES}"
  ; Tell Explorer that associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

; Switchboard before 0.2 called setAsDefaultProtocolClient on every start, which on
; Windows writes HKCU\Software\Classes\<scheme> itself. Removed on uninstall, but
; only while it still opens this exe (another app may have taken the scheme since).
!macro sbRemoveLegacyScheme SCHEME
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "--" "%1"'
  ${OrIf} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
  ${EndIf}
!macroend

!macro customUnInstall
  !insertmacro sbRemoveLegacyScheme "tel"
  !insertmacro sbRemoveLegacyScheme "callto"
  !insertmacro sbRemoveLegacyScheme "sip"
  DeleteRegValue SHCTX "Software\RegisteredApplications" "Switchboard"
  DeleteRegKey SHCTX "${SB_CAPABILITIES}"
  DeleteRegKey /ifempty SHCTX "Software\Switchboard"
  DeleteRegKey SHCTX "Software\Classes\Switchboard.tel"
  DeleteRegKey SHCTX "Software\Classes\Switchboard.callto"
  DeleteRegKey SHCTX "Software\Classes\Switchboard.sip"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
