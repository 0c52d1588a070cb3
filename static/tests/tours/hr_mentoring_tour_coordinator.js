/** @odoo-module **/
/*
 * The coordinator's path (started by tests/test_tour_coordinator_head.py, login
 * mentoring_test_role_cora): Mentoring > Programmes > Find a Mentor for Nina,
 * tick the second-ranked mentor (the first one unticks), Propose Pairing,
 * Create Plan; the pairing then waits, proposed, for the department head.
 * The screens show no menu or button of another role.
 */

import { registry } from "@web/core/registry";
import { findMentor, MODAL, noButtons, noMenus, openMentoringApp, proposeAndPlan } from "./hr_mentoring_tour_utils";

const LINES = `${MODAL} .o_field_widget[name=line_ids]`;

registry.category("web_tour.tours").add("hr_mentoring_tour_role_coordinator", {
    url: "/odoo",
    steps: () => [
        ...openMentoringApp(),
        {
            content: "The coordinator's menus, none of the mentor's, mentee's or head's",
            trigger:
                ".o_main_navbar:has([data-menu-xmlid='hr_mentoring.menu_programs_root'])" +
                noMenus(["menu_my_mentoring", "menu_my_departments"]),
        },
        ...findMentor("Nina Newcomer", "New Client Managers"),
        {
            content: "Maria ranks first and is ticked",
            trigger: `${LINES} .o_data_row:first-child:has(.o_data_cell[name=mentor_id]:contains(Maria Mentor)) .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "Marc ranks second, not ticked",
            trigger: `${LINES} .o_data_row:nth-child(2):has(.o_data_cell[name=mentor_id]:contains(Marc Mentor)) .o_field_widget[name=selected] input:not(:checked)`,
        },
        {
            content: "Tick Marc",
            trigger: `${LINES} .o_data_row:nth-child(2) .o_field_widget[name=selected] input`,
            run: "click",
        },
        {
            content: "Marc is ticked",
            trigger: `${LINES} .o_data_row:nth-child(2) .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "Maria is no longer ticked: one mentor is proposed",
            trigger: `${LINES} .o_data_row:first-child .o_field_widget[name=selected] input:not(:checked)`,
        },
        ...proposeAndPlan("Nina Newcomer"),
        {
            content: "It is proposed, with Marc",
            trigger:
                ".o_form_view:has(.o_field_widget[name=mentor_id]:contains(Marc Mentor)) .o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "Its plan is made: Re-plan, not Create Plan",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_plan_wizard]:contains(Re-plan)",
        },
        {
            content: "No button of an active pairing before the approval (discussions, end)",
            trigger:
                ".o_form_view .o_statusbar_buttons:has(button[name=action_approve])" +
                noButtons(["action_log_discussion", "action_done", "action_propose"]),
        },
        {
            content: "The plan events are done 0 out of planned",
            trigger: ".o_form_view button[name=action_open_events] .o_stat_value:contains(0 /)",
        },
    ],
});
