<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BuildEditorPage</name>
    <message numerus="yes">
        <source>%n field(s) or line(s) need putting right before it can be saved.</source>
        <translation>
            <numerusform>%n field or line needs putting right before it can be saved.</numerusform>
            <numerusform>%n fields or lines need putting right before it can be saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message numerus="yes">
        <source>Installs on %n open release(s)</source>
        <translation>
            <numerusform>Installs on %n open release</numerusform>
            <numerusform>Installs on %n open releases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportListPage</name>
    <message numerus="yes">
        <source>%1: %n record(s)</source>
        <translation>
            <numerusform>%1: %n record</numerusform>
            <numerusform>%1: %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message numerus="yes">
        <source>%n checklist line(s)</source>
        <translation>
            <numerusform>%n checklist line</numerusform>
            <numerusform>%n checklist lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message numerus="yes">
        <source>%n room(s): %1</source>
        <translation>
            <numerusform>%n room: %1</numerusform>
            <numerusform>%n rooms: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncHeader</name>
    <message numerus="yes">
        <source>%n change(s) on this tablet wait to be sent.</source>
        <translation>
            <numerusform>%n change on this tablet waits to be sent.</numerusform>
            <numerusform>%n changes on this tablet wait to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were refused by the office; the release manager sees why.</source>
        <translation>
            <numerusform>%n change was refused by the office; the release manager sees why.</numerusform>
            <numerusform>%n changes were refused by the office; the release manager sees why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::mobile::ReportListModel</name>
    <message numerus="yes">
        <source>signed off after %n day(s)</source>
        <translation>
            <numerusform>signed off after %n day</numerusform>
            <numerusform>signed off after %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>backed out after %n day(s), not signed off</source>
        <translation>
            <numerusform>backed out after %n day, not signed off</numerusform>
            <numerusform>backed out after %n days, not signed off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>still open after %n day(s)</source>
        <translation>
            <numerusform>still open after %n day</numerusform>
            <numerusform>still open after %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
