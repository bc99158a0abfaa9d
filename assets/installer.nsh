; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; Pigeon finds people by UDP broadcast on port 2425 and sends files over TCP 2425.
; Without these rules Windows blocks the first broadcast until someone answers a
; firewall prompt, which office users rarely understand. The installer runs elevated
; (perMachine), so netsh may add them; they are removed again at uninstall.

!macro pigeonDeleteFirewallRules
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Pigeon (UDP 2425)"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Pigeon (TCP 2425)"'
  Pop $0
!macroend

!macro customInstall
  ; Deleted first so a reinstall or update never leaves two copies of a rule.
  !insertmacro pigeonDeleteFirewallRules
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="Pigeon (UDP 2425)" dir=in action=allow protocol=UDP localport=2425 program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" profile=domain,private enable=yes'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="Pigeon (TCP 2425)" dir=in action=allow protocol=TCP localport=2425 program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" profile=domain,private enable=yes'
  Pop $0
!macroend

!macro customUnInstall
  !insertmacro pigeonDeleteFirewallRules
!macroend
