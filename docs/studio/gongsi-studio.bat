@echo off
rem gongsi 스튜디오: 이 파일을 gongsi.exe와 같은 폴더에 두고 두 번 누르면 브라우저에 스튜디오가 열립니다.
rem 계획 폴더나 통합문서를 이 파일 위에 끌어다 놓으면 그 계획으로 엽니다.
rem 끝내려면 이 검은 창에서 Ctrl-C를 누르거나 창을 닫으세요.
chcp 65001 > nul
cd /d "%~dp0"
gongsi.exe studio %*
pause
